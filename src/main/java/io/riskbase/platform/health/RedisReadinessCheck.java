package io.riskbase.platform.health;

import io.riskbase.platform.cache.InvalidationBus;
import io.riskbase.platform.ratelimit.RateLimitMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Redis is an accelerator, not a dependency: without it the node still serves (L1 cache with short TTLs, node-local
 * rate limits), so this check is always UP and says {@code degraded} in its data. Reachability comes from the
 * invalidation bus's watch (a ping every {@code riskbase.cache.watch-interval-ms}), so the check itself never waits on
 * Redis.
 */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements HealthCheck {

    @Inject
    InvalidationBus bus;

    @Inject
    RateLimitMetrics rateLimits;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("redis").up().withData("configured", bus.redisConfigured());
        if (!bus.redisConfigured()) {
            return response.withData("degraded", false)
                    .withData("cache", "L1 only")
                    .withData("rateLimits", "local")
                    .build();
        }
        boolean reachable = bus.coherent();
        long lastFallback = rateLimits.lastFallbackMillis();
        return response.withData("reachable", reachable)
                .withData("degraded", !reachable)
                .withData("coherent", bus.coherent())
                .withData("cache", reachable ? "L1 + L2" : "L1 only, short TTLs")
                .withData("rateLimits", reachable ? "shared" : "local fallback")
                .withData("rateLimitFallbackAgoMs", lastFallback == 0 ? -1 : System.currentTimeMillis() - lastFallback)
                .build();
    }
}
