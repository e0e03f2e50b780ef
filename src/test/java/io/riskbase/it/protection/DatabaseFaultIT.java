package io.riskbase.it.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.Poll;
import io.riskbase.it.support.Readiness;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * PostgreSQL failures seen from the HTTP API, on a node with its own database and a pool of two connections waiting at
 * most one second: requests fail fast with 503 + Retry-After, no request outlives the configured timeouts, no
 * acknowledged write is lost, readiness follows the database and the node recovers without a restart.
 *
 * <p>The order is kept on purpose: the outage test stops the node's PostgreSQL, and the pool-exhaustion test, which
 * counts on exactly two healthy pooled connections, must not run on a pool that has just lost its connections to that
 * outage. Each test signs up its own tenant.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultIT {

    private static final Logger LOG = Logger.getLogger(DatabaseFaultIT.class.getName());
    /** The longest any request may take: pool wait + statement timeout + generous scheduling slack. */
    private static final long MAX_REQUEST_MILLIS =
            (ResilienceNode.POOL_WAIT_SECONDS + ResilienceNode.STATEMENT_TIMEOUT_SECONDS) * 1000L + 3000;

    static ResilienceNode resilience;
    static Api api;

    @BeforeAll
    static void start() {
        resilience = ResilienceNode.get();
        api = new Api(resilience.node.baseUrl());
    }

    record Outcome(
            String op, int status, long millis, String retryAfter, String contentType, String email, long createdId) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static Outcome call(String op, java.util.function.Supplier<ApiResponse> request, String email) {
        long t0 = System.nanoTime();
        ApiResponse response;
        try {
            response = request.get();
        } catch (RuntimeException e) {
            return new Outcome(
                    op + " (" + e.getClass().getSimpleName() + ")",
                    -1,
                    (System.nanoTime() - t0) / 1_000_000,
                    null,
                    null,
                    email,
                    0);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long id = response.status() == 201 ? response.json().getJsonNumber("id").longValue() : 0;
        return new Outcome(
                op,
                response.status(),
                millis,
                response.header("Retry-After"),
                response.header("Content-Type"),
                email,
                id);
    }

    static Outcome createUser(Session admin) {
        String email = "load-" + UUID.randomUUID().toString().substring(0, 12) + "@"
                + admin.email().split("@")[1];
        return call(
                "POST /users",
                () -> admin.api()
                        .post(
                                "/api/v1/users",
                                Map.of(
                                        "email",
                                        email,
                                        "password",
                                        Tenants.PASSWORD,
                                        "display_name",
                                        "Load user",
                                        "role",
                                        "VIEWER")),
                email);
    }

    static void assertFailuresAreFast503Problems(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            assertTrue(o.ok() || o.status() == 503, () -> "only 2xx or 503 allowed, got " + o);
            assertTrue(
                    o.millis() <= MAX_REQUEST_MILLIS,
                    () -> "request took longer than the configured timeouts allow: " + o);
            if (o.status() == 503) {
                assertTrue(
                        o.retryAfter() != null && Integer.parseInt(o.retryAfter()) > 0,
                        () -> "503 without Retry-After: " + o);
                assertTrue(
                        o.contentType() != null && o.contentType().startsWith("application/problem+json"),
                        () -> "503 not problem+json: " + o);
            }
        }
    }

    static boolean userExists(long id) throws Exception {
        try (Connection c = resilience.postgres.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from users where id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    static boolean emailExists(String email) throws Exception {
        try (Connection c = resilience.postgres.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from users where email = ?")) {
            s.setString(1, email);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    static Map<Integer, Integer> histogram(List<Outcome> outcomes) {
        Map<Integer, Integer> counts = new TreeMap<>();
        outcomes.forEach(o -> counts.merge(o.status(), 1, Integer::sum));
        return counts;
    }

    @Test
    @Order(1)
    void poolExhaustionAnswers503AfterTheConfiguredWaitAndLosesNothing() throws Exception {
        Session admin = Tenants.signup(api, "pool");
        admin.api().get("/api/v1/me").expect(200);
        String before =
                admin.api().get("/api/v1/organization/settings").expect(200).body();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Outcome> holders = new ArrayList<>();
        List<Outcome> excess = new ArrayList<>();
        // a row lock taken outside the application makes its settings writes wait inside PostgreSQL,
        // each holding one of the node's two pooled connections
        try (Connection lock = resilience.postgres.dataSource().getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement s =
                    lock.prepareStatement("select * from org_settings where org_id = ? for update")) {
                s.setLong(1, admin.orgId());
                s.executeQuery().close();
            }
            List<Future<Outcome>> blocked = new ArrayList<>();
            for (int i = 0; i < ResilienceNode.POOL_MAX; i++) {
                int appetite = 20 + i;
                blocked.add(pool.submit(() -> call(
                        "PUT /organization/settings",
                        () -> admin.api()
                                .put(
                                        "/api/v1/organization/settings",
                                        Map.of(
                                                "timezone",
                                                "UTC",
                                                "risk_appetite",
                                                appetite,
                                                "review_interval_days",
                                                30,
                                                "categories",
                                                List.of("x"),
                                                "notifications_enabled",
                                                false)),
                        null)));
            }
            try {
                waitForLockWaiters(ResilienceNode.POOL_MAX);
            } catch (AssertionError e) {
                for (Future<Outcome> f : blocked) {
                    LOG.warning("blocked write: " + (f.isDone() ? f.get().toString() : "still running"));
                }
                throw e;
            }
            List<Future<Outcome>> more = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // reads of pages nobody asked for yet miss the cache and need a connection too
                int page = 1000 + i;
                more.add(pool.submit(
                        page % 2 == 0
                                ? () -> createUser(admin)
                                : () -> call(
                                        "GET /users",
                                        () -> admin.api().get("/api/v1/users?size=1&page=" + page),
                                        null)));
            }
            for (Future<Outcome> f : more) {
                excess.add(f.get(30, TimeUnit.SECONDS));
            }
            for (Future<Outcome> f : blocked) {
                holders.add(f.get(30, TimeUnit.SECONDS));
            }
            lock.rollback();
        } finally {
            pool.shutdownNow();
        }
        LOG.info("Pool exhaustion: excess requests " + histogram(excess) + " max "
                + excess.stream().mapToLong(Outcome::millis).max().orElse(0) + " ms; lock-blocked writes "
                + histogram(holders) + " max "
                + holders.stream().mapToLong(Outcome::millis).max().orElse(0) + " ms");
        assertFailuresAreFast503Problems(excess);
        assertFailuresAreFast503Problems(holders);
        // requests arriving while both connections are held wait for one, then 503 (on a loaded machine a
        // late one may find a connection freed by the statement timeout: then it must have been done)
        assertTrue(
                excess.stream().filter(o -> o.status() == 503).count() >= excess.size() / 2,
                () -> "requests beyond the pool: " + excess);
        for (Outcome o : excess) {
            // Liberty's own wait overshoots the configured 1 s on a loaded machine (it logs 1.0-3.0 s in J2CA0045E
            // there) and writes an FFDC per timeout; the bound says "ended by the pool timeout", not "fast"
            assertTrue(
                    o.millis() < ResilienceNode.POOL_WAIT_SECONDS * 1000L + 6000,
                    () -> "waited longer than the pool's connection timeout allows: " + o);
            if (o.email() != null) {
                assertEquals(
                        o.status() == 201,
                        emailExists(o.email()),
                        () -> "a write's answer and its effect disagree: " + o);
            }
        }
        // the lock outlived the statement timeout: the blocked writes were cut off and changed nothing
        assertTrue(
                holders.stream().allMatch(o -> o.status() == 503),
                () -> "writes stuck on a lock end at the statement timeout: " + holders);
        assertEquals(
                before,
                admin.api().get("/api/v1/organization/settings").expect(200).body());
        // and the pool is whole again
        Outcome after = createUser(admin);
        assertEquals(201, after.status(), after::toString);
        assertTrue(userExists(after.createdId()));
    }

    private static void waitForLockWaiters(int count) {
        Poll.until(
                "the writes reach the lock",
                Duration.ofSeconds(15),
                Duration.ofMillis(20),
                DatabaseFaultIT::lockWaiters,
                n -> n >= count);
    }

    private static int lockWaiters() {
        try (Connection c = resilience.postgres.superuserDataSource().getConnection();
                PreparedStatement s =
                        c.prepareStatement("select count(*) from pg_stat_activity where datname = 'riskbase' and "
                                + "wait_event_type = 'Lock'");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(2)
    void postgresStoppedDuringLoadFailsFastLosesNoAcknowledgedWriteAndRecovers() throws Exception {
        Session admin = Tenants.signup(api, "pgdown");
        java.util.Queue<Outcome> outcomes = new java.util.concurrent.ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        int workers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> loops = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            loops.add(pool.submit(() -> {
                for (int i = 0; i < 20_000 && running.get(); i++) {
                    switch (ThreadLocalRandom.current().nextInt(4)) {
                        case 0 -> outcomes.add(call("GET /me", () -> admin.api().get("/api/v1/me"), null));
                        case 1 ->
                            outcomes.add(call("GET /users", () -> admin.api().get("/api/v1/users?size=5"), null));
                        case 2 ->
                            outcomes.add(call(
                                    "GET /organization/settings",
                                    () -> admin.api().get("/api/v1/organization/settings"),
                                    null));
                        default -> outcomes.add(createUser(admin));
                    }
                }
            }));
        }
        boolean sawNotReady = false;
        String notReadyAnswer = "";
        int beforeOutage;
        int duringOutage;
        try {
            waitUntil(() -> outcomes.stream().filter(o -> o.status() == 201).count() >= 5, 30, "load did not start");
            beforeOutage = outcomes.size();
            resilience.postgres.stop();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                long minimum = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (System.nanoTime() < deadline
                        && !(System.nanoTime() > minimum
                                && sawNotReady
                                && outcomes.stream()
                                                .skip(beforeOutage)
                                                .filter(o -> o.status() == 503)
                                                .count()
                                        >= 10)) {
                    ApiResponse ready = api.get("/health/ready");
                    if (ready.status() == 503) {
                        sawNotReady = true;
                        notReadyAnswer = ready.body();
                    }
                    Thread.sleep(50);
                }
                duringOutage = outcomes.size() - beforeOutage;
            } finally {
                resilience.postgres.start();
            }
            // readiness comes back (fails the test if not within a minute)
            Readiness.await(
                    "the node after PostgreSQL came back", api.baseUrl(), Duration.ofSeconds(60), () -> true, () -> "");
            int recoveredFrom = outcomes.size();
            waitUntil(
                    () -> outcomes.stream()
                                    .skip(recoveredFrom)
                                    .filter(o -> o.status() == 201)
                                    .count()
                            >= 5,
                    60,
                    "writes did not succeed again after PostgreSQL came back");
        } finally {
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(60, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
        }
        List<Outcome> all = new ArrayList<>(outcomes);
        List<Outcome> acknowledged = all.stream().filter(o -> o.status() == 201).toList();
        int lost = 0;
        for (Outcome o : acknowledged) {
            if (!userExists(o.createdId())) {
                lost++;
            }
        }
        long failed = all.stream().filter(o -> !o.ok()).count();
        LOG.info("PostgreSQL outage under load: " + all.size() + " requests (" + beforeOutage + " before, "
                + duringOutage + " during the outage), "
                + histogram(all) + ", " + failed + " answered 503, " + acknowledged.size() + " writes acknowledged, "
                + lost
                + " lost, slowest "
                + all.stream().mapToLong(Outcome::millis).max().orElse(0) + " ms (bound " + MAX_REQUEST_MILLIS
                + " ms)");
        assertFailuresAreFast503Problems(all);
        assertTrue(sawNotReady, "readiness never reported the database down");
        assertPublicReadinessHoldsStatesOnly(notReadyAnswer);
        assertTrue(all.stream().anyMatch(o -> o.status() == 503), "the outage produced no 503 at all");
        assertEquals(0, lost, "acknowledged writes lost");
        api.get("/health/live").expect(200);
    }

    /** Self-test: the check below does fail on the answer readiness gave before (the exception in its data). */
    @Test
    void readinessLeakCheckRejectsAnAnswerWithTheException() {
        String leaking = "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"database\",\"status\":\"DOWN\",\"data\":"
                + "{\"migrated\":true,\"connection\":\"failed\",\"error\":\"SQLException: Connection to 127.0.0.1:5432 "
                + "refused\"}}]}";
        assertThrows(AssertionError.class, () -> assertPublicReadinessHoldsStatesOnly(leaking));
        assertPublicReadinessHoldsStatesOnly(leaking.replaceAll(",\"error\":\"[^\"]*\"", ""));
    }

    /** The answer of {@code /health/ready} is public: check names and states, never the exception behind them. */
    private static void assertPublicReadinessHoldsStatesOnly(String answer) {
        JsonObject database =
                Json.createReader(new java.io.StringReader(answer)).readObject().getJsonArray("checks").stream()
                        .map(JsonValue::asJsonObject)
                        .filter(check -> check.getString("name").equals("database"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no database check in " + answer));
        assertEquals("DOWN", database.getString("status"), answer);
        assertEquals("failed", database.getJsonObject("data").getString("connection"), answer);
        for (String leak : List.of("Exception", "exception", "SQL", "refused", "Connection to", "error")) {
            assertFalse(answer.contains(leak), "readiness answer contains '" + leak + "': " + answer);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, int seconds, String message) {
        Poll.until(message, Duration.ofSeconds(seconds), Duration.ofMillis(20), condition::getAsBoolean, done -> done);
    }
}
