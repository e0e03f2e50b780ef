package io.riskbase.it.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.Poll;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two-tier cache over HTTP: two Liberty nodes sharing real Redis and PostgreSQL. The tests run in any order: each
 * signs up its own tenant, and the Redis outage test ends only once both nodes use Redis again (node B answers from an
 * entry node A stored there).
 */
class CacheIT {

    private static final Logger LOG = Logger.getLogger(CacheIT.class.getName());
    static RiskbaseEnvironment env;
    static Api api;
    static LibertyNode nodeB;

    @BeforeAll
    static void start() {
        env = RiskbaseEnvironment.get();
        api = env.api();
        nodeB = env.nodeB();
    }

    static Map<String, Object> settings(int appetite) {
        return Map.of(
                "timezone",
                "Europe/Berlin",
                "risk_appetite",
                appetite,
                "review_interval_days",
                30,
                "categories",
                List.of("security", "vendor"),
                "notifications_enabled",
                true);
    }

    static long count(Api admin, String namespace, String figure) {
        JsonObject cache = admin.get("/api/v1/admin/cache").expect(200).json();
        return cache.getJsonArray("namespaces").getValuesAs(JsonObject.class).stream()
                .filter(n -> n.getString("namespace").equals(namespace))
                .mapToLong(n -> n.getJsonObject("counts").getJsonNumber(figure) == null
                        ? 0
                        : n.getJsonObject("counts").getJsonNumber(figure).longValue())
                .sum();
    }

    @Test
    void secondReadIsAHitAndAWriteIsSeenAtOnce() {
        Session admin = Tenants.signup(api, "cache-hit");
        admin.api().put("/api/v1/organization/settings", settings(7)).expect(200);
        long loads = count(admin.api(), "settings", "loads");
        long hits = count(admin.api(), "settings", "hits_l1");
        assertEquals(
                7,
                admin.api()
                        .get("/api/v1/organization/settings")
                        .expect(200)
                        .json()
                        .getInt("risk_appetite"));
        assertEquals(
                7,
                admin.api()
                        .get("/api/v1/organization/settings")
                        .expect(200)
                        .json()
                        .getInt("risk_appetite"));
        assertEquals(loads + 1, count(admin.api(), "settings", "loads"), "one load for two reads");
        assertTrue(count(admin.api(), "settings", "hits_l1") >= hits + 1);
        admin.api().put("/api/v1/organization/settings", settings(9)).expect(200);
        assertEquals(
                9,
                admin.api()
                        .get("/api/v1/organization/settings")
                        .expect(200)
                        .json()
                        .getInt("risk_appetite"));
    }

    @Test
    void cachedAnswersCarryAStrongEtagAndRevalidateWith304() {
        Session admin = Tenants.signup(api, "cache-etag");
        ApiResponse first = admin.api().get("/api/v1/me").expect(200);
        String etag = first.header("ETag");
        assertTrue(etag != null && etag.startsWith("\"") && !etag.startsWith("W/"), "strong ETag: " + etag);
        assertEquals("private, no-cache", first.header("Cache-Control"));
        ApiResponse revalidated =
                admin.api().withHeader("If-None-Match", etag).get("/api/v1/me").expect(304);
        assertEquals("", revalidated.body());
        admin.api()
                .patch("/api/v1/users/" + admin.userId(), Map.of("display_name", "Renamed"))
                .expect(200);
        String token = Tenants.login(api, admin.email(), Tenants.PASSWORD);
        ApiResponse changed = api.as(token)
                .withHeader("If-None-Match", etag)
                .get("/api/v1/me")
                .expect(200);
        assertNotEquals(etag, changed.header("ETag"));
        assertEquals("Renamed", changed.json().getString("display_name"));
    }

    @Test
    void tenantsNeverReceiveEachOthersCachedEntries() {
        Session a = Tenants.signup(api, "cache-iso-a");
        Session b = Tenants.signup(api, "cache-iso-b");
        a.api().put("/api/v1/organization/settings", settings(3)).expect(200);
        b.api().put("/api/v1/organization/settings", settings(21)).expect(200);
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    3,
                    a.api()
                            .get("/api/v1/organization/settings")
                            .expect(200)
                            .json()
                            .getInt("risk_appetite"));
            assertEquals(
                    21,
                    b.api()
                            .get("/api/v1/organization/settings")
                            .expect(200)
                            .json()
                            .getInt("risk_appetite"));
            assertEquals(
                    a.orgId(),
                    a.api()
                            .get("/api/v1/organization")
                            .expect(200)
                            .json()
                            .getJsonNumber("id")
                            .longValue());
            assertEquals(
                    b.orgId(),
                    b.api()
                            .get("/api/v1/organization")
                            .expect(200)
                            .json()
                            .getJsonNumber("id")
                            .longValue());
            assertEquals("1", a.api().get("/api/v1/users").expect(200).header("X-Total-Count"));
        }
        // same URL and parameters, other tenant, other node: still its own data
        assertEquals(
                21,
                b.on(nodeB)
                        .get("/api/v1/organization/settings")
                        .expect(200)
                        .json()
                        .getInt("risk_appetite"));
        assertEquals(
                3,
                a.on(nodeB)
                        .get("/api/v1/organization/settings")
                        .expect(200)
                        .json()
                        .getInt("risk_appetite"));
    }

    @Test
    void concurrentMissesOfOneKeyLoadOnce() throws Exception {
        // the user list: a namespace that login does not warm up asynchronously
        Session admin = Tenants.signup(api, "cache-stampede");
        admin.api().get("/api/v1/users").expect(200);
        admin.api()
                .post("/api/v1/admin/cache/invalidate", Map.of("namespace", "user-list"))
                .expect(204);
        long loads = count(admin.api(), "user-list", "loads");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(() -> admin.api().get("/api/v1/users").status());
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (Future<Integer> f : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long loaded = count(admin.api(), "user-list", "loads") - loads;
        assertEquals(1, loaded, "16 concurrent misses of one key ran the loader " + loaded + " times");
    }

    @Test
    void aWriteOnOneNodeIsSeenOnTheOtherAndPropagationIsMeasured() {
        Session admin = Tenants.signup(api, "cache-2nodes");
        Api onA = admin.api();
        Api onB = admin.on(nodeB);
        onA.put("/api/v1/organization/settings", settings(1)).expect(200);
        assertEquals(
                1, onB.get("/api/v1/organization/settings").expect(200).json().getInt("risk_appetite"));
        int rounds = 40;
        long[] millis = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            int appetite = 2 + (i % 20);
            onB.get("/api/v1/organization/settings").expect(200);
            onA.put("/api/v1/organization/settings", settings(appetite)).expect(200);
            long t0 = System.nanoTime();
            // a fine pause: this measures the propagation delay
            Poll.until(
                    "node B sees the write",
                    Duration.ofSeconds(5),
                    Duration.ofMillis(5),
                    () -> appetite(onB),
                    a -> a == appetite);
            millis[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(millis);
        LOG.info("Write on A visible on B (HTTP polling, includes one request): p50 " + millis[rounds / 2] + " ms, p99 "
                + millis[rounds - 1] + " ms over " + rounds + " writes");
        String metrics = new Api(nodeB.baseUrl())
                .withHeader("Accept", "text/plain")
                .get("/metrics")
                .expect(200)
                .body();
        assertTrue(
                metrics.contains("riskbase_cache_invalidations_received_total"),
                "node B counts received invalidations");
        metrics.lines()
                .filter(l -> l.startsWith("riskbase_cache_invalidation_lag_seconds")
                        && (l.contains("0.5") || l.contains("0.99")))
                .forEach(l -> LOG.info("node B " + l));
    }

    @Test
    void logoutOnOneNodeRejectsTheTokenOnTheOther() {
        Session admin = Tenants.signup(api, "cache-logout");
        admin.on(nodeB).get("/api/v1/me").expect(200);
        admin.on(nodeB).get("/api/v1/me").expect(200);
        admin.api().post("/api/v1/auth/logout", null).expect(204);
        Poll.until(
                "node B rejects the revoked token",
                Duration.ofSeconds(5),
                Duration.ofMillis(20),
                () -> admin.on(nodeB).get("/api/v1/me").status(),
                status -> status == 401);
    }

    @Test
    void redisOutageCostsNoErrorAndL2IsUsedAgainAfterRestart() {
        Session admin = Tenants.signup(api, "cache-redis-down");
        Api onA = admin.api();
        Api onB = admin.on(nodeB);
        onA.put("/api/v1/organization/settings", settings(4)).expect(200);
        env.redis().stop();
        try {
            for (int i = 0; i < 20; i++) {
                int appetite = 5 + (i % 10);
                onA.put("/api/v1/organization/settings", settings(appetite)).expect(200);
                assertEquals(
                        appetite,
                        onA.get("/api/v1/organization/settings")
                                .expect(200)
                                .json()
                                .getInt("risk_appetite"));
                onB.get("/api/v1/organization/settings").expect(200);
                onB.get("/api/v1/me").expect(200);
            }
        } finally {
            env.redis().start();
        }
        waitForRedis(onA);
        waitForRedis(onB);
        onA.put("/api/v1/organization/settings", settings(16)).expect(200);
        assertEquals(
                16, onA.get("/api/v1/organization/settings").expect(200).json().getInt("risk_appetite"));
        Poll.until(
                "node B sees the write made after Redis came back",
                Duration.ofSeconds(5),
                Duration.ofMillis(20),
                () -> appetite(onB),
                a -> a == 16);
        // L2 in use again: a catalogue entry node A reads answers node B. No writes, so both nodes agree on
        // the generation without waiting for a message; "coherent" only says Redis answers pings and the
        // Redis circuit breakers close a few seconds later (half-open after 3 s), so this is eventual and bounded
        AtomicInteger connector = new AtomicInteger();
        Poll.until(
                "node B answers from an entry node A put in Redis after the restart",
                Duration.ofSeconds(20),
                Poll.PAUSE,
                () -> {
                    int id = connector.incrementAndGet();
                    assertTrue(id <= 40, "more connectors asked for than the catalogue has");
                    onA.get("/api/v1/marketplace/connectors/" + id).expect(200);
                    long l2Hits = count(onB, "marketplace", "hits_l2");
                    onB.get("/api/v1/marketplace/connectors/" + id).expect(200);
                    return count(onB, "marketplace", "hits_l2") - l2Hits;
                },
                newL2Hits -> newL2Hits == 1);
    }

    private static int appetite(Api on) {
        return on.get("/api/v1/organization/settings").expect(200).json().getInt("risk_appetite");
    }

    private static void waitForRedis(Api admin) {
        Poll.until(
                "the node reconnects to Redis",
                Duration.ofSeconds(20),
                Poll.PAUSE,
                () -> admin.get("/api/v1/admin/cache").expect(200).json().getBoolean("coherent"),
                coherent -> coherent);
    }
}
