package io.riskbase.platform.health;

import io.riskbase.platform.persistence.DatabaseMigrator;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the schema is migrated and a pooled connection answers within two seconds. */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    @Resource(lookup = "jdbc/riskbase")
    DataSource dataSource;

    @Inject
    DatabaseMigrator migrator;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("database").withData("migrated", migrator.isMigrated());
        if (!migrator.isMigrated()) {
            return response.down().build();
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(2);
            return response.status(valid)
                    .withData("database", connection.getMetaData().getDatabaseProductName())
                    .build();
        } catch (Exception e) {
            return response.down()
                    .withData("error", e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
