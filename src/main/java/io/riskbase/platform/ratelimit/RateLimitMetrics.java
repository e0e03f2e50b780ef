package io.riskbase.platform.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * {@code riskbase_ratelimit_rejections_total{group}}, {@code riskbase_ratelimit_auth_slowdowns_total} (login attempts
 * delayed per e-mail) and {@code riskbase_ratelimit_redis_fallbacks_total} (decisions taken by this node alone because
 * Redis failed).
 */
@ApplicationScoped
public class RateLimitMetrics {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private final ConcurrentHashMap<String, Counter> rejections = new ConcurrentHashMap<>();
    private volatile Counter fallbacks;
    private volatile Counter slowdowns;
    private volatile long lastFallbackMillis;

    /**
     * Publishes the rejection series of every built-in group and the slow-down series at zero, so alerts never see an
     * absent series.
     */
    void publishAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        for (String group : new String[] {RateLimitPolicy.AUTH, RateLimitPolicy.READ, RateLimitPolicy.WRITE, "admin"}) {
            counter(group);
        }
        slowdowns = registry.counter(Metadata.builder()
                .withName("riskbase.ratelimit.auth.slowdowns")
                .withDescription("Login and sign-up attempts delayed because their e-mail was tried too often")
                .build());
    }

    void rejected(String group) {
        counter(group).inc();
    }

    private Counter counter(String group) {
        return rejections.computeIfAbsent(
                group,
                g -> registry.counter(
                        Metadata.builder()
                                .withName("riskbase.ratelimit.rejections")
                                .withDescription("Requests answered 429 by the rate limiter")
                                .build(),
                        new Tag("group", g)));
    }

    void slowedDown() {
        slowdowns.inc();
    }

    void fallback() {
        lastFallbackMillis = System.currentTimeMillis();
        Counter counter = fallbacks;
        if (counter == null) {
            counter = registry.counter(Metadata.builder()
                    .withName("riskbase.ratelimit.redis.fallbacks")
                    .withDescription("Rate-limit decisions taken by this node alone because Redis failed or its "
                            + "breaker was open")
                    .build());
            fallbacks = counter;
        }
        counter.inc();
    }

    /** When this node last decided alone because Redis failed (0: never). */
    public long lastFallbackMillis() {
        return lastFallbackMillis;
    }
}
