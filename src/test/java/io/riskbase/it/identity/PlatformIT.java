package io.riskbase.it.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.RiskbaseEnvironment;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health, metrics, OpenAPI, pool profiles and the PostgreSQL schema of a running node. */
class PlatformIT {

    private static final Logger LOG = Logger.getLogger(PlatformIT.class.getName());
    static RiskbaseEnvironment env;
    static Api api;

    @BeforeAll
    static void start() {
        env = RiskbaseEnvironment.get();
        api = env.api();
    }

    @Test
    void healthEndpointsAnswerUp() {
        String ready = api.get("/health/ready").expect(200).body();
        assertTrue(ready.contains("\"database\"") && ready.contains("PostgreSQL"), ready);
        api.get("/health/live").expect(200);
        api.get("/health/started").expect(200);
        api.get("/health").expect(200);
    }

    @Test
    void metricsArePublicPrometheusTextWithPoolMetrics() {
        var metrics = api.withHeader("Accept", "text/plain").get("/metrics").expect(200);
        String body = metrics.body();
        assertTrue(
                body.contains("connectionpool_managedConnections{datasource=\"jdbc_riskbase\""), "vendor pool metrics");
        assertTrue(
                body.contains("riskbase_pool_max_size{datasource=\"jdbc/riskbase\","
                        + "mp_scope=\"application\",profile=\"dev\",} 10.0"),
                body);
        assertTrue(body.contains("jvm_uptime_seconds") || body.contains("base_jvm_uptime"), "base metrics");
    }

    @Test
    void openApiDescribesTheEndpoints() {
        String doc = api.get("/openapi").expect(200).body();
        for (String path : new String[] {
            "/api/v1/signup", "/api/v1/auth/login", "/api/v1/auth/logout", "/api/v1/me", "/api/v1/users"
        }) {
            assertTrue(doc.contains(path + ":"), "OpenAPI lacks " + path);
        }
        api.get("/openapi/ui/").expect(200);
    }

    @Test
    void schemaHasPartialGinAndCompositeIndexesOnPostgres() throws Exception {
        Set<String> indexes = new HashSet<>();
        try (Connection c = env.postgres().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("select indexname, indexdef from pg_indexes where schemaname = 'public'")) {
            while (rs.next()) {
                indexes.add(rs.getString(1));
                if (rs.getString(1).equals("ix_users_org_active")
                        || rs.getString(1).equals("ix_sessions_live")) {
                    assertTrue(rs.getString(2).contains("WHERE"), rs.getString(2));
                }
                if (rs.getString(1).equals("ix_risks_search")) {
                    assertTrue(rs.getString(2).contains("USING gin"), rs.getString(2));
                }
            }
        }
        for (String expected : new String[] {
            "ix_users_org_active",
            "ix_sessions_live",
            "ix_risks_search",
            "ix_risks_org_status_sev",
            "ix_risks_org_created",
            "ix_risks_org_score",
            "ix_risks_org_matrix",
            "ix_risk_history_risk"
        }) {
            assertTrue(indexes.contains(expected), "missing index " + expected + " in " + indexes);
        }
    }

    @Test
    void stagingProfileSizesThePoolAndASecondNodeReappliesNoMigration() throws Exception {
        // node C runs the staging profile, and started on the database node A had migrated
        LibertyNode staging = env.nodeC();
        String metrics = new Api(staging.baseUrl())
                .withHeader("Accept", "text/plain")
                .get("/metrics")
                .expect(200)
                .body();
        assertTrue(
                metrics.contains("riskbase_pool_max_size{datasource=\"jdbc/riskbase\","
                        + "mp_scope=\"application\",profile=\"staging\",} 50.0"),
                metrics);
        assertTrue(metrics.contains("riskbase_pool_min_size{datasource=\"jdbc/riskbase\","
                + "mp_scope=\"application\",profile=\"staging\",} 10.0"));
        String log = Files.readString(staging.messagesLog());
        assertTrue(log.contains("Database schema up to date"), "migrations ran at start");
        try (Connection c = env.postgres().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*), count(distinct id) from databasechangelog")) {
            rs.next();
            assertEquals(rs.getInt(1), rs.getInt(2), "no change set recorded twice after a second node started");
        }
    }

    @Test
    void pingAnswersAnonymouslyAndPingAuthNeedsALiveSession() {
        assertEquals("ok", api.get("/api/v1/ping").expect(200).json().getString("status"));
        api.get("/api/v1/ping/auth").expectProblem(401, null);
        var admin = io.riskbase.it.support.Tenants.signup(api, "ping");
        admin.api().get("/api/v1/ping/auth").expect(200);
        admin.api().post("/api/v1/auth/logout", null).expect(204);
        admin.api().get("/api/v1/ping/auth").expectProblem(401, null);
    }

    @Test
    void reportStartToReadyTime() {
        LOG.info("Node A start-to-ready on PostgreSQL: " + env.nodeAStartMillis() + " ms");
        assertTrue(env.nodeAStartMillis() > 0);
    }
}
