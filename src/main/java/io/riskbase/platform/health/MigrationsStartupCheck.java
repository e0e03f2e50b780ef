package io.riskbase.platform.health;

import io.riskbase.platform.persistence.DatabaseMigrator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the migrations have run (cache warm-up joins this check when present). */
@Startup
@ApplicationScoped
public class MigrationsStartupCheck implements HealthCheck {

    @Inject
    DatabaseMigrator migrator;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("migrations").status(migrator.isMigrated()).build();
    }
}
