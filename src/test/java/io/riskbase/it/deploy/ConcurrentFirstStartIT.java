package io.riskbase.it.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two nodes started at the same moment on an empty PostgreSQL, as a fresh deployment with two replicas does: both must
 * become ready, the schema be migrated once and the first-start data (the demo organization with its settings, users
 * and audit chain) exist once. Before the start lock ({@code DatabaseMigrator}) one of them could fail on Liquibase's
 * own tables or on the demo organization's unique slug. Two Liberty starts at once take minutes on a loaded 2-core
 * machine, so it runs with {@code -Dit.first-start=true} only; {@link ConcurrentMigrationIT} covers the migration race
 * in the default build.
 */
@EnabledIfSystemProperty(
        named = "it.first-start",
        matches = "true",
        disabledReason = "two Liberty starts at once: run with -Dit.first-start=true (docs/reliability.md)")
class ConcurrentFirstStartIT {

    private static final Logger LOG = Logger.getLogger(ConcurrentFirstStartIT.class.getName());

    @Test
    void twoNodesStartedTogetherOnAnEmptyDatabaseBothBecomeReadyAndSeedOnce() throws Exception {
        TestPostgres postgres = new TestPostgres();
        Map<String, String> env = new HashMap<>();
        env.put("RISKBASE_PROFILE", "dev");
        env.put("DB_URL", postgres.jdbcUrl());
        env.put("DB_USER", TestPostgres.USER);
        env.put("DB_PASSWORD", TestPostgres.PASSWORD);
        env.put("REDIS_URL", "");
        env.put("RISKBASE_DEMO_PASSWORD", RiskbaseEnvironment.DEMO_PASSWORD);
        env.put("RISKBASE_PASSWORD_ITERATIONS", "5000");
        env.putAll(RiskbaseEnvironment.jwtKeys());
        List<LibertyNode> nodes = List.of(new LibertyNode("it-first-1", env), new LibertyNode("it-first-2", env));
        List<String> failures = new ArrayList<>();
        try {
            long t0 = System.currentTimeMillis();
            CompletableFuture<?>[] starts = nodes.stream()
                    .map(node -> CompletableFuture.runAsync(() -> {
                        try {
                            LOG.info(node.baseUrl() + " ready in " + node.start() + " ms");
                        } catch (RuntimeException e) {
                            synchronized (failures) {
                                failures.add(node.baseUrl() + ": " + e.getMessage());
                            }
                        }
                    }))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(starts).join();
            LOG.info("both starts returned after " + (System.currentTimeMillis() - t0) + " ms");
            assertTrue(failures.isEmpty(), "a node did not start: " + failures);
            try (Connection c = postgres.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                assertEquals(1, count(s, "SELECT count(*) FROM organizations WHERE slug = 'demo'"));
                assertEquals(
                        3,
                        count(
                                s,
                                "SELECT count(*) FROM users u JOIN organizations o ON o.id = u.org_id"
                                        + " WHERE o.slug = 'demo'"));
                assertEquals(
                        count(s, "SELECT count(*) FROM organizations"), count(s, "SELECT count(*) FROM org_settings"));
                assertEquals(
                        0,
                        count(
                                s,
                                "SELECT count(*) FROM (SELECT id, author, filename FROM databasechangelog"
                                        + " GROUP BY 1, 2, 3 HAVING count(*) > 1) twice"));
                assertEquals(0, count(s, "SELECT count(*) FROM databasechangeloglock WHERE locked"));
            }
        } finally {
            for (LibertyNode node : nodes) {
                try {
                    node.stop();
                } catch (RuntimeException e) {
                    LOG.warning("stopping " + node.baseUrl() + ": " + e);
                }
            }
            postgres.stop();
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
