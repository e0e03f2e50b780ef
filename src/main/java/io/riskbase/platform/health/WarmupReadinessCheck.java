package io.riskbase.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the node has warmed its request path ({@link SelfWarmup}), so no load balancer sends it load cold.
 */
@Readiness
@ApplicationScoped
public class WarmupReadinessCheck implements HealthCheck {

    @Inject
    SelfWarmup warmup;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warm-up")
                .status(warmup.done())
                .withData("requests", warmup.requests())
                .build();
    }
}
