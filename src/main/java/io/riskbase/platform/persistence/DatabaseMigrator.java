package io.riskbase.platform.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Applies the Liquibase changelog when the application starts, before any request is served. Liquibase records applied
 * change sets, so a restart applies nothing twice; its lock table keeps two nodes starting together from migrating at
 * once.
 */
@ApplicationScoped
public class DatabaseMigrator {

    public static final String CHANGELOG = "db/changelog/db.changelog-master.xml";
    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

    @Resource(lookup = "jdbc/riskbase")
    DataSource dataSource;

    @Inject
    Event<SchemaReady> schemaReady;

    @Inject
    Dialect dialect;

    private volatile boolean migrated;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        migrate();
        schemaReady.fire(new SchemaReady(dialect.isPostgres()));
    }

    public synchronized void migrate() {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            migrate(connection);
            migrated = true;
            LOG.info(() ->
                    String.format("Database schema up to date in %d ms", (System.nanoTime() - start) / 1_000_000));
        } catch (Exception e) {
            throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the changelog on a connection the caller owns and closes (closing the Liquibase object would close it); also
     * used by tests against a bare database.
     */
    @SuppressWarnings("resource")
    public static void migrate(Connection connection) throws Exception {
        Database database =
                DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(DatabaseMigrator.class.getClassLoader()), database)
                .update("");
    }

    public boolean isMigrated() {
        return migrated;
    }
}
