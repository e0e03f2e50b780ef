package io.riskbase.it.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.TestPostgres;
import io.riskbase.platform.persistence.DatabaseMigrator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The migration part of two nodes' first start at the same moment, without Liberty: two threads run the changelog on
 * one empty database at once, as {@code DatabaseMigrator} does at start. {@code -Dit.start-lock=off} runs them without
 * the start lock, which reproduces the race on Liquibase's own tables.
 */
class ConcurrentMigrationIT {

    private static final Logger LOG = Logger.getLogger(ConcurrentMigrationIT.class.getName());
    private static final int ROUNDS = 3;

    @Test
    void twoMigrationsOfOneEmptyDatabaseAtOnceBothSucceedAndApplyEveryChangesetOnce() throws Exception {
        boolean locked = !"off".equals(System.getProperty("it.start-lock"));
        TestPostgres postgres = new TestPostgres();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<String> failures = new ArrayList<>();
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                String database = "first_start_" + round;
                try (Connection c = postgres.superuserDataSource().getConnection();
                        Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + database + " OWNER " + TestPostgres.USER);
                }
                String url = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database;
                CountDownLatch gate = new CountDownLatch(1);
                List<Future<?>> runs = new ArrayList<>();
                for (int node = 0; node < 2; node++) {
                    runs.add(threads.submit(() -> {
                        try (Connection c =
                                DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD)) {
                            gate.await();
                            if (locked) {
                                DatabaseMigrator.underStartLock(c, () -> migrate(c));
                            } else {
                                migrate(c);
                            }
                        }
                        return null;
                    }));
                }
                gate.countDown();
                for (Future<?> run : runs) {
                    try {
                        run.get(5, TimeUnit.MINUTES);
                    } catch (java.util.concurrent.ExecutionException e) {
                        Throwable cause = e.getCause();
                        while (cause.getCause() != null) {
                            cause = cause.getCause();
                        }
                        failures.add("round " + round + ": " + cause);
                    }
                }
                try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
                        Statement s = c.createStatement();
                        ResultSet twice = s.executeQuery("SELECT count(*) FROM (SELECT id, author, filename"
                                + " FROM databasechangelog GROUP BY 1, 2, 3 HAVING count(*) > 1) t")) {
                    twice.next();
                    assertEquals(0, twice.getLong(1), "a changeset applied twice in round " + round);
                } catch (java.sql.SQLException e) {
                    failures.add("round " + round + ": no changelog table: " + e.getMessage());
                }
            }
            LOG.info((locked ? "with" : "without") + " the start lock: " + failures.size() + " failed migrations of "
                    + 2 * ROUNDS + ": " + failures);
            assertTrue(failures.isEmpty(), "concurrent first migrations failed: " + failures);
        } finally {
            threads.shutdownNow();
            postgres.stop();
        }
    }

    private static void migrate(Connection connection) {
        try {
            DatabaseMigrator.migrate(connection);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
