package io.riskbase.platform.health;

import io.riskbase.platform.persistence.DatabaseMigrator;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the schema is migrated and a pooled connection answers within two seconds. The answer is public (anyone
 * who reaches {@code /health/ready} reads it), so it holds states only; why the database failed goes to the log, once
 * per outage.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseReadinessCheck.class.getName());

    @Resource(lookup = "jdbc/riskbase")
    DataSource dataSource;

    @Inject
    DatabaseMigrator migrator;

    private final AtomicBoolean failing = new AtomicBoolean();

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("database").withData("migrated", migrator.isMigrated());
        if (!migrator.isMigrated()) {
            return response.down().build();
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(2);
            if (valid && failing.compareAndSet(true, false)) {
                LOG.info("Readiness: the database answers again");
            }
            // the product name (configuration, not an error) lets a deployment check it runs on the database it meant
            return response.status(valid)
                    .withData("connection", valid ? "valid" : "invalid")
                    .withData("database", connection.getMetaData().getDatabaseProductName())
                    .build();
        } catch (Exception e) {
            if (failing.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Readiness: no database connection: " + e, e);
            } else {
                LOG.fine(() -> "Readiness: still no database connection: " + e);
            }
            return response.down().withData("connection", "failed").build();
        }
    }
}
