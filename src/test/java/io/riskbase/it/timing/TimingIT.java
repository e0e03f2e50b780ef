package io.riskbase.it.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Timing headers on every kind of endpoint, /admin/performance against the requests made, and — on a node with a 0 ms
 * slow threshold and JSON logs — the slow-request line and its access rules.
 */
class TimingIT {

    private static final Pattern RESPONSE_TIME = Pattern.compile("(\\d+\\.\\d{2})ms");
    private static final Pattern TOTAL = Pattern.compile("(?:^|, )total;dur=(\\d+\\.\\d{2})$");
    private static final Pattern DB = Pattern.compile("(?:^|, )db;dur=(\\d+\\.\\d{2})(?:,|$)");

    static RiskbaseEnvironment env;
    static Api api;

    @BeforeAll
    static void start() {
        env = RiskbaseEnvironment.get();
        api = env.api();
    }

    /** Node C: every request logged as slow (threshold 0), in JSON lines, with an operator key. */
    private static LibertyNode slowNode() {
        return env.nodeC();
    }

    private static final Pattern CACHE = Pattern.compile("(?:^|, )cache;desc=\"(l1|l2|miss)\"");

    /**
     * A read the two-tier cache may answer: it either used the database (db entry) or names the cache tier that
     * answered it instead.
     */
    static double[] assertTimedRead(ApiResponse response) {
        String serverTiming = response.header("Server-Timing");
        assertNotNull(serverTiming, response.request() + " lacks Server-Timing");
        boolean usedDb = DB.matcher(serverTiming).find();
        if (!usedDb) {
            Matcher cache = CACHE.matcher(serverTiming);
            assertTrue(
                    cache.find() && !cache.group(1).equals("miss"),
                    response.request() + ": neither db nor a cache hit in " + serverTiming);
        }
        return assertTimed(response, usedDb);
    }

    /** Asserts plausible headers; returns [total ms, db ms or -1]. */
    static double[] assertTimed(ApiResponse response, boolean expectDb) {
        String responseTime = response.header("X-Response-Time");
        String serverTiming = response.header("Server-Timing");
        assertNotNull(responseTime, response.request() + " lacks X-Response-Time");
        assertNotNull(serverTiming, response.request() + " lacks Server-Timing");
        Matcher rt = RESPONSE_TIME.matcher(responseTime);
        assertTrue(rt.matches(), "X-Response-Time " + responseTime);
        Matcher total = TOTAL.matcher(serverTiming);
        assertTrue(total.find(), "Server-Timing " + serverTiming);
        assertEquals(rt.group(1), total.group(1), "total;dur and X-Response-Time are the same measurement");
        double totalMs = Double.parseDouble(rt.group(1));
        assertTrue(totalMs > 0 && totalMs < 60_000, responseTime);
        Matcher db = DB.matcher(serverTiming);
        assertEquals(expectDb, db.find(), response.request() + ": db entry in " + serverTiming);
        double dbMs = expectDb ? Double.parseDouble(db.group(1)) : -1;
        assertTrue(dbMs <= totalMs, serverTiming);
        return new double[] {totalMs, dbMs};
    }

    @Test
    void everyEndpointKindCarriesTimingHeaders() {
        // public endpoints: signup writes, login reads the user
        Session admin = Tenants.signup(api, "timing");
        assertTimed(
                api.post("/api/v1/auth/login", Map.of("email", admin.email(), "password", Tenants.PASSWORD))
                        .expect(200),
                true);
        Api as = admin.api();
        // authenticated reads: the database, or the cache tier that answered instead (login warms the
        // profile, organization and settings; sessions are cached after their first check)
        assertTimedRead(as.get("/api/v1/me").expect(200));
        assertTimedRead(as.get("/api/v1/organization").expect(200));
        assertTimedRead(as.get("/api/v1/organization/settings").expect(200));
        assertTimedRead(as.get("/api/v1/users").expect(200));
        ApiResponse created = as.post(
                        "/api/v1/users",
                        Map.of(
                                "email",
                                "t-" + System.nanoTime() + "@timing.example",
                                "password",
                                Tenants.PASSWORD,
                                "display_name",
                                "Timed",
                                "role",
                                "VIEWER"))
                .expect(201);
        assertTimed(created, true);
        long userId = created.json().getJsonNumber("id").longValue();
        assertTimed(
                as.patch("/api/v1/users/" + userId, Map.of("display_name", "Renamed"))
                        .expect(200),
                true);
        assertTimed(as.delete("/api/v1/users/" + userId).expect(204), true);
        // errors: 400 from parameter parsing, 404 from the service, 403 from the role check
        assertTimedRead(as.get("/api/v1/users?page=x").expectProblem(400, "page"));
        assertTimedRead(as.get("/api/v1/users/999999999").expectProblem(404, null));
        Session viewer = Tenants.addUser(admin, "VIEWER");
        assertTimedRead(viewer.api().get("/api/v1/users").expectProblem(403, null));
        // anonymous: rejected, or not found, before any database work
        assertTimed(api.get("/api/v1/me").expectProblem(401, null), false);
        assertTimed(api.get("/api/v1/no-such-endpoint").expectProblem(404, null), false);
        // unmatched: the 404 comes before authentication, so no session lookup either
        assertTimed(as.get("/api/v1/no-such-endpoint").expectProblem(404, null), false);
    }

    @Test
    void performanceFiguresMatchTheRequestsMade() {
        Session admin = Tenants.signup(api, "perf");
        JsonObject before = endpoint(
                admin.api().get("/api/v1/admin/performance").expect(200).json(), "GET /api/v1/me");
        double slowest = 0;
        for (int i = 0; i < 7; i++) {
            slowest = Math.max(
                    slowest, assertTimedRead(admin.api().get("/api/v1/me").expect(200))[0]);
        }
        for (int i = 0; i < 3; i++) {
            admin.api().get("/api/v1/users/99999999" + i).expect(404);
        }
        JsonObject report =
                admin.api().get("/api/v1/admin/performance").expect(200).json();
        JsonObject me = endpoint(report, "GET /api/v1/me");
        assertEquals(count(before, "count") + 7, count(me, "count"), me.toString());
        assertEquals(count(before, "errors"), count(me, "errors"));
        JsonObject userById = endpoint(report, "GET /api/v1/users/{id}");
        assertTrue(count(userById, "client_errors") >= 3, userById.toString());
        double p50 = me.getJsonNumber("p50_ms").doubleValue();
        double p95 = me.getJsonNumber("p95_ms").doubleValue();
        double p99 = me.getJsonNumber("p99_ms").doubleValue();
        double max = me.getJsonNumber("max_ms").doubleValue();
        assertTrue(0 < p50 && p50 <= p95 && p95 <= p99 && p99 <= max, me.toString());
        // the histogram keeps two significant digits
        assertTrue(max >= slowest * 0.99, "max " + max + " vs slowest response " + slowest);
        assertEquals(500, report.getInt("slow_threshold_ms"));
    }

    @Test
    void performanceNeedsAnAdminOrTheOperatorKey() {
        Session admin = Tenants.signup(api, "perf-auth");
        api.get("/api/v1/admin/performance").expectProblem(401, null);
        api.withHeader("X-Riskbase-Operator-Key", "guess")
                .get("/api/v1/admin/performance")
                .expectProblem(401, null);
        Tenants.addUser(admin, "ANALYST").api().get("/api/v1/admin/performance").expectProblem(403, null);
        api.get("/api/v1/admin/performance?slow=abc").expectProblem(400, "slow");
    }

    @Test
    void slowRequestsAreLoggedOnceAsOneJsonLineAndListedPerTenant() throws Exception {
        LibertyNode node = slowNode();
        Api nodeApi = new Api(node.baseUrl());
        // signed up on node A (node C lets users in by invitation only), then read on node C
        Session a = Tenants.signup(api, "slow-a");
        Session b = Tenants.signup(api, "slow-b");
        String marker = "/api/v1/users/" + (800_000_000L + System.nanoTime() % 100_000_000L);
        a.on(node).get(marker).expect(404);
        a.on(node).get("/api/v1/me").expect(200);
        b.on(node).get("/api/v1/me").expect(200);

        // Liberty writes messages.log asynchronously: wait (bounded) for the line, then check all of them
        List<JsonObject> slowLines = waitForLogLines(
                node,
                lines -> lines.stream()
                        .anyMatch(l -> payload(l).getInt("status") == 404
                                && Long.valueOf(a.orgId()).equals(tenantOf(payload(l)))));
        List<JsonObject> markerLines = slowLines.stream()
                .filter(l -> payload(l).getString("endpoint").equals("GET /api/v1/users/{id}")
                        && Long.valueOf(a.orgId()).equals(tenantOf(payload(l))))
                .toList();
        assertEquals(1, markerLines.size(), "logged once: " + markerLines);
        JsonObject line = markerLines.get(0);
        assertEquals("WARNING", line.getString("loglevel"), line.toString());
        JsonObject slow = payload(line);
        assertEquals(404, slow.getInt("status"));
        assertEquals(0, slow.getInt("threshold_ms"));
        assertTrue(slow.getJsonNumber("duration_ms").doubleValue() > 0, slow.toString());
        assertTrue(slow.getJsonNumber("db_ms").doubleValue() >= 0
                && slow.getJsonNumber("db_ms").doubleValue()
                        <= slow.getJsonNumber("duration_ms").doubleValue());
        assertTrue(slow.containsKey("cache"), "cache tier field present (null until the cache lands)");

        // ADMIN of b sees only b's slow requests; the operator sees both tenants
        JsonObject bView =
                b.on(node).get("/api/v1/admin/performance?slow=100").expect(200).json();
        assertFalse(bView.getJsonArray("slow_requests").isEmpty());
        for (JsonValue r : bView.getJsonArray("slow_requests")) {
            assertEquals(Long.valueOf(b.orgId()), tenantOf(r.asJsonObject()), r.toString());
        }
        JsonObject operatorView = nodeApi.withHeader("X-Riskbase-Operator-Key", RiskbaseEnvironment.NODE_C_OPERATOR_KEY)
                .get("/api/v1/admin/performance?slow=100")
                .expect(200)
                .json();
        List<Long> tenants = new ArrayList<>();
        operatorView.getJsonArray("slow_requests").forEach(r -> tenants.add(tenantOf(r.asJsonObject())));
        assertTrue(tenants.contains(a.orgId()) && tenants.contains(b.orgId()), tenants.toString());
        assertEquals(0, operatorView.getInt("slow_threshold_ms"));
    }

    private static List<JsonObject> waitForLogLines(LibertyNode node, Predicate<List<JsonObject>> done)
            throws IOException {
        List<JsonObject> slow = List.of();
        for (int attempt = 0; attempt < 100; attempt++) {
            slow = new ArrayList<>();
            boolean configured = false;
            for (String raw : Files.readAllLines(node.messagesLog())) {
                // the banner and the lines before server.xml's <logging> is read keep Liberty's basic format
                configured |= raw.startsWith("{");
                if (raw.isBlank() || !configured) {
                    continue;
                }
                JsonObject line;
                try (JsonReader reader = Json.createReader(new StringReader(raw))) {
                    line = reader.readObject();
                } catch (RuntimeException e) {
                    throw new AssertionError(
                            "LOG_FORMAT=JSON: a messages.log line after the configuration was read is not JSON: " + raw,
                            e);
                }
                if (line.getString("message", "").startsWith("slow_request ")) {
                    slow.add(line);
                }
            }
            if (done.test(slow)) {
                return slow;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("expected slow_request line not in " + node.messagesLog() + ": " + slow);
    }

    private static JsonObject payload(JsonObject logLine) {
        String message = logLine.getString("message");
        try (JsonReader reader = Json.createReader(new StringReader(message.substring("slow_request ".length())))) {
            return reader.readObject();
        }
    }

    /** The tenant of a slow request (log payload or API), null when anonymous (null or absent). */
    private static Long tenantOf(JsonObject slow) {
        JsonValue v = slow.get("tenant_id");
        return v instanceof jakarta.json.JsonNumber n ? n.longValue() : null;
    }

    private static JsonObject endpoint(JsonObject report, String name) {
        for (JsonValue v : report.getJsonArray("endpoints")) {
            if (v.asJsonObject().getString("endpoint").equals(name)) {
                return v.asJsonObject();
            }
        }
        return Json.createObjectBuilder()
                .add("endpoint", name)
                .add("count", 0)
                .add("errors", 0)
                .add("client_errors", 0)
                .build();
    }

    private static long count(JsonObject endpoint, String field) {
        return endpoint.getJsonNumber(field).longValue();
    }
}
