package io.riskbase.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Publishes the configured pool limits beside Liberty's own connection pool metrics, so that the active profile is
 * visible on /metrics (the vendor metrics count connections but not the limits).
 */
@ApplicationScoped
public class PoolSettingsMetrics {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    @ConfigProperty(name = "POOL_MAX_SIZE", defaultValue = "-1")
    int maxPoolSize;

    @Inject
    @ConfigProperty(name = "POOL_MIN_SIZE", defaultValue = "-1")
    int minPoolSize;

    @Inject
    @ConfigProperty(name = "RISKBASE_PROFILE", defaultValue = "dev")
    String profile;

    void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Tag datasource = new Tag("datasource", "jdbc/riskbase");
        Tag profileTag = new Tag("profile", profile);
        registry.gauge(
                org.eclipse.microprofile.metrics.Metadata.builder()
                        .withName("riskbase.pool.max.size")
                        .withDescription("maxPoolSize of the JDBC pool of the active profile")
                        .build(),
                () -> maxPoolSize,
                datasource,
                profileTag);
        registry.gauge(
                org.eclipse.microprofile.metrics.Metadata.builder()
                        .withName("riskbase.pool.min.size")
                        .withDescription("minPoolSize of the JDBC pool of the active profile")
                        .build(),
                () -> minPoolSize,
                datasource,
                profileTag);
    }
}
