package io.riskbase.platform.timing;

import io.riskbase.platform.web.RequestThread;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/** Times {@link DbTimed} repository calls into the request's {@link RequestTiming} and a per-method timer. */
@DbTimed
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_AFTER)
public class DbTimedInterceptor {

    static final String METRIC = "riskbase.db.call";

    @Inject
    RequestTiming timing;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    @ConfigProperty(name = "riskbase.timing.enabled", defaultValue = "true")
    boolean enabled;

    private final Map<Method, Timer> timers = new ConcurrentHashMap<>();

    @AroundInvoke
    Object time(InvocationContext context) throws Exception {
        if (!enabled) {
            return context.proceed();
        }
        Boolean outermost = enter();
        long start = System.nanoTime();
        try {
            return context.proceed();
        } finally {
            long nanos = System.nanoTime() - start;
            timer(context.getMethod()).update(Duration.ofNanos(nanos));
            if (outermost != null) {
                timing.exitDb();
                if (outermost) {
                    timing.addDbNanos(nanos);
                }
            }
        }
    }

    /** Whether this is the outermost timed call of the request; null outside a request (start-up, background work). */
    private Boolean enter() {
        if (!RequestThread.active()) {
            return null;
        }
        try {
            return timing.enterDb();
        } catch (ContextNotActiveException e) {
            return null;
        }
    }

    private Timer timer(Method method) {
        return timers.computeIfAbsent(
                method,
                m -> registry.timer(
                        Metadata.builder()
                                .withName(METRIC)
                                .withDescription("Time spent in repository (database) calls")
                                .withUnit(MetricUnits.SECONDS)
                                .build(),
                        new Tag("repository", m.getDeclaringClass().getSimpleName()),
                        new Tag("method", m.getName())));
    }
}
