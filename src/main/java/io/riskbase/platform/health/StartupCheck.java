package io.riskbase.platform.health;

import io.riskbase.platform.cache.CacheWarmup;
import io.riskbase.platform.persistence.DatabaseMigrator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the migrations have run and the cache has been warmed. */
@Startup
@ApplicationScoped
public class StartupCheck implements HealthCheck {

    @Inject
    DatabaseMigrator migrator;

    @Inject
    CacheWarmup warmup;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("startup")
                .status(migrator.isMigrated() && warmup.done())
                .withData("migrated", migrator.isMigrated())
                .withData("cacheWarmed", warmup.done())
                .build();
    }
}
