package io.riskbase.platform.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Applies the Liquibase changelog when the application starts, before any request is served. Liquibase records applied
 * change sets, so a restart applies nothing twice.
 *
 * <p>On PostgreSQL the migration runs under a database-wide advisory lock held by the connection Liquibase uses, one
 * node after the other, and each {@link FirstStartData} observer (the demo organization with its settings, users and
 * content) takes {@link #seedingLock} in its own transaction; the rest of the start ({@link SchemaReady}: cache
 * warm-up, schedulers) runs on all nodes at once. Liquibase's own lock table does not cover an empty database: two
 * nodes starting together both find it missing and both create it, and the loser fails on {@code pg_type}'s unique
 * index; the seeders would likewise both find no demo organization.
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
    Event<FirstStartData> firstStartData;

    @Inject
    Dialect dialect;

    /** The advisory lock's key, the same on every node ("Riskbase" in ASCII). */
    static final long START_LOCK = 0x5269736b62617365L;

    /** The seeders' transaction lock ("Riskbasf"): distinct from the start lock, which a migrating node holds. */
    static final long SEED_LOCK = 0x5269736b62617366L;

    private static final long START_LOCK_WAIT_MILLIS = 600_000;
    private static final long START_LOCK_POLL_MILLIS = 200;

    private volatile boolean migrated;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        migrate();
        // each seeder serialises itself (seedingLock, in its own transaction): holding a connection here for the
        // seeding would need one more than a pool of two has
        firstStartData.fire(new FirstStartData(dialect.isPostgres()));
        schemaReady.fire(new SchemaReady(dialect.isPostgres()));
    }

    /**
     * Makes the calling transaction the only one seeding first-start data until it ends: another node seeding at the
     * same moment waits here, then sees what this one committed. Transaction-scoped, so it costs no connection of its
     * own. No-op outside PostgreSQL.
     */
    public static void seedingLock(EntityManager em, boolean postgres) {
        if (!postgres) {
            return;
        }
        awaitLock(
                "seeding lock",
                null,
                () -> Boolean.TRUE.equals(em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                        .setParameter(1, SEED_LOCK)
                        .getSingleResult()));
    }

    /** Runs {@code work} while {@code connection}'s session holds the start lock (PostgreSQL only). */
    public static void underStartLock(Connection connection, Runnable work) throws SQLException {
        try (PreparedStatement tryLock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            tryLock.setLong(1, START_LOCK);
            awaitLock("start lock", "Another node is migrating or seeding the database; waiting for it", () -> {
                try (ResultSet rs = tryLock.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            });
        }
        try {
            work.run();
        } finally {
            releaseStartLock(connection);
        }
    }

    /** One try at taking a lock without waiting. */
    @FunctionalInterface
    private interface LockAttempt<E extends Exception> {
        boolean tryOnce() throws E;
    }

    /**
     * Tries {@code attempt} until it takes the lock, logging {@code waiting} (when given) once: a blocking wait would
     * be cancelled by the pool's statement timeout while another node migrates or seeds a large database.
     */
    private static <E extends Exception> void awaitLock(String lock, String waiting, LockAttempt<E> attempt) throws E {
        long deadline = System.currentTimeMillis() + START_LOCK_WAIT_MILLIS;
        boolean logged = false;
        while (!attempt.tryOnce()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(
                        "another node held the " + lock + " for " + START_LOCK_WAIT_MILLIS + " ms");
            }
            if (waiting != null && !logged) {
                LOG.info(waiting);
                logged = true;
            }
            try {
                Thread.sleep(START_LOCK_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the " + lock, e);
            }
        }
    }

    private static void releaseStartLock(Connection connection) {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, START_LOCK);
            unlock.execute();
        } catch (SQLException e) {
            // the pooled connection would keep the lock and block every later start: make the pool drop it
            LOG.log(Level.WARNING, "Could not release the start lock; closing its connection", e);
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                LOG.log(Level.FINE, "abort failed", ignored);
            }
        }
    }

    public synchronized void migrate() {
        long start = System.nanoTime();
        // asked before the migration's connection is open: two connections open at once on this thread both stay
        // enlisted until start-up ends, and a pool of two then has none left for the seeders
        boolean postgres = dialect.isPostgres();
        try (Connection connection = dataSource.getConnection()) {
            if (postgres) {
                underStartLock(connection, () -> migrateUnchecked(connection));
            } else {
                migrate(connection);
            }
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

    private static void migrateUnchecked(Connection connection) {
        try {
            migrate(connection);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public boolean isMigrated() {
        return migrated;
    }
}
