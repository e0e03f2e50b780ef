package io.riskbase.platform.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * {@code riskbase_health_ready} is 1 while every readiness check is UP, 0 otherwise, so that Prometheus can alert on a
 * node that is running (scraped) but not ready — which {@code up} alone cannot see. Evaluated at each scrape.
 */
@ApplicationScoped
public class ReadinessMetric {

    @Inject
    @Readiness
    Instance<HealthCheck> checks;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        registry.gauge(
                Metadata.builder()
                        .withName("riskbase.health.ready")
                        .withDescription("1 when every readiness check of this node is UP, else 0")
                        .build(),
                this,
                ReadinessMetric::ready);
    }

    double ready() {
        for (HealthCheck check : checks) {
            try {
                if (check.call().getStatus() != HealthCheckResponse.Status.UP) {
                    return 0;
                }
            } catch (RuntimeException e) {
                return 0;
            }
        }
        return 1;
    }
}
