package io.riskbase.platform.timing;

import io.riskbase.platform.cache.CacheOutcome;
import io.riskbase.platform.redis.RedisBudget;
import io.riskbase.platform.security.TokenClaims;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Times every JAX-RS request from before matching (first request filter) to the last response filter — errors mapped to
 * problem+json included; JSON serialization of the body comes after and is not included. Adds {@code X-Response-Time}
 * and {@code Server-Timing}, records the request for {@code /admin/performance} and logs it once, as one
 * {@code slow_request {…}} line, when it took at least {@code riskbase.timing.slow-threshold-ms}.
 * {@code riskbase.timing.enabled=false} turns the whole layer off (for measuring its overhead).
 */
@Provider
@PreMatching
@Priority(1)
public class TimingFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String RESPONSE_TIME = "X-Response-Time";
    public static final String SERVER_TIMING = "Server-Timing";
    static final Logger SLOW_LOG = Logger.getLogger("io.riskbase.platform.timing.SlowRequests");
    private static final String START = TimingFilter.class.getName() + ".start";

    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServletRequest http;

    @Inject
    RequestTiming timing;

    @Inject
    CacheOutcome cache;

    @Inject
    PerformanceRecorder recorder;

    @Inject
    RedisBudget redisBudget;

    @Inject
    @ConfigProperty(name = "riskbase.timing.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "riskbase.timing.slow-threshold-ms", defaultValue = "500")
    long slowThresholdMs;

    private final Map<Method, String> routes = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        if (enabled) {
            request.setProperty(START, System.nanoTime());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(START) instanceof Long start)) {
            return;
        }
        // a response is timed and logged once, even if the runtime filters it again
        request.removeProperty(START);
        long total = System.nanoTime() - start;
        String tier = cache.tier();
        boolean usedDb = timing.usedDatabase();
        long dbNanos = timing.getDbNanos();

        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle(RESPONSE_TIME, ServerTiming.responseTime(total));
        headers.putSingle(
                SERVER_TIMING,
                ServerTiming.header(tier, usedDb, dbNanos, redisBudget.calls(), redisBudget.spentNanos(), total));

        String endpoint = endpoint(request);
        int status = response.getStatus();
        recorder.record(endpoint, status, total);
        if (total >= slowThresholdMs * 1_000_000L) {
            OptionalLong tenant = TokenClaims.of(request.getSecurityContext().getUserPrincipal())
                    .map(TokenClaims::orgId)
                    .orElse(OptionalLong.empty());
            SlowRequest slow = new SlowRequest(
                    recorder.now(),
                    endpoint,
                    status,
                    tenant.isPresent() ? tenant.getAsLong() : null,
                    SlowRequest.round(ServerTiming.millis(total)),
                    usedDb ? SlowRequest.round(ServerTiming.millis(dbNanos)) : null,
                    tier);
            recorder.recordSlow(slow);
            SLOW_LOG.warning(slow.logLine(slowThresholdMs, http.getRemoteAddr()));
        }
    }

    private String endpoint(ContainerRequestContext request) {
        String basePath = request.getUriInfo().getBaseUri().getPath();
        Method method = resourceInfo.getResourceMethod();
        if (method == null) {
            return EndpointNames.unmatched(request.getMethod(), basePath);
        }
        Class<?> resourceClass = resourceInfo.getResourceClass();
        return request.getMethod() + " "
                + routes.computeIfAbsent(method, m -> EndpointNames.route(basePath, resourceClass, m));
    }
}
