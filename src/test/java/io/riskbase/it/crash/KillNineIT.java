package io.riskbase.it.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.Poll;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A node killed with SIGKILL in the middle of a concurrent write load (creates and updates) loses no acknowledged
 * write: after the restart every risk a client saw acknowledged is there at the acknowledged version (or one above,
 * when a later write of it was in flight and its outcome unknown), its history and outbox hold exactly one row per
 * committed write, and every event of those writes reaches a webhook receiver. The database outlives the node, as in
 * production; what is tested is that a write is acknowledged only after its transaction (risk row, history row, outbox
 * event) committed.
 */
class KillNineIT {

    private static final Logger LOG = Logger.getLogger(KillNineIT.class.getName());
    private static final int WRITERS = 6;
    private static final int UPDATES_PER_RISK = 4;

    /** What the clients know of one risk: its first version and the highest version acknowledged to them. */
    static final class Known {
        final long id;
        final long createdVersion;
        volatile long ackedVersion;
        volatile int ackedWrites = 1;
        /** A write of it was sent and no answer came back: it may or may not have committed. */
        volatile boolean uncertain;

        Known(long id, long version) {
            this.id = id;
            this.createdVersion = version;
            this.ackedVersion = version;
        }
    }

    @Test
    void killNineMidWriteLosesNoAcknowledgedWrite() throws Exception {
        RiskbaseEnvironment env = RiskbaseEnvironment.get();
        Set<String> received = ConcurrentHashMap.newKeySet();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Session admin = Tenants.signup(env.api(), "kill-nine");
            admin.api()
                    .post(
                            "/api/v1/webhooks",
                            Map.of(
                                    "url",
                                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                                    "event_types",
                                    List.of("risk.*")))
                    .expect(201);
            LibertyNode node = CrashNode.get();
            Api onNode = admin.on(node);

            List<Known> known = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger ackedBeforeKill = new AtomicInteger();
            AtomicInteger failedAfterKill = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int self = w;
                Thread t = new Thread(
                        () -> write(onNode, self, known, stop, killed, ackedBeforeKill, failedAfterKill),
                        "crash-writer-" + w);
                t.setUncaughtExceptionHandler((thread, e) -> failure.compareAndSet(null, e));
                writers.add(t);
                t.start();
            }
            // the kill lands mid-load: enough writes acknowledged for the count to mean something, writers still busy
            Poll.until(
                    "writes acknowledged before the kill",
                    Duration.ofMinutes(2),
                    () -> ackedBeforeKill.get() >= 60 || failure.get() != null);
            assertNull(failure.get(), "a write failed before the kill");
            // from here on an answer may be missing: acknowledgements still arriving are tracked, not counted as before
            killed.set(true);
            int acked = ackedBeforeKill.get();
            CrashNode.kill(node);
            stop.set(true);
            for (Thread t : writers) {
                t.join(TimeUnit.MINUTES.toMillis(2));
            }
            assertNull(failure.get(), "a writer failed");
            LOG.info("kill -9 after " + acked + " acknowledged writes; " + failedAfterKill.get()
                    + " writes failed after it; " + known.size() + " risks created");

            long restartMillis = node.start();
            LOG.info("restarted in " + restartMillis + " ms");

            Map<Long, long[]> rows = committedRows(env, admin.orgId());
            long ackedWrites = 0;
            long uncertain = 0;
            for (Known k : known) {
                // a pooled connection to the killed JVM may still be handed out once: ask again on a fresh one
                ApiResponse r = Poll.until(
                                "risk " + k.id + " after the restart",
                                Duration.ofSeconds(30),
                                Poll.PAUSE,
                                () -> {
                                    try {
                                        return onNode.get("/api/v1/risks/" + k.id);
                                    } catch (UncheckedIOException e) {
                                        return null;
                                    }
                                },
                                answer -> answer != null)
                        .expect(200);
                long version = Long.parseLong(r.header("ETag").replace("\"", "").replace("W/", ""));
                long expectedMax = k.ackedVersion + (k.uncertain ? 1 : 0);
                assertTrue(
                        version >= k.ackedVersion && version <= expectedMax,
                        "risk " + k.id + ": version " + version + ", acknowledged " + k.ackedVersion
                                + (k.uncertain ? " (+1 in flight)" : ""));
                long[] counts = rows.getOrDefault(k.id, new long[2]);
                long committedWrites = version - k.createdVersion + 1;
                assertEquals(committedWrites, counts[0], "history rows of risk " + k.id + " at version " + version);
                assertEquals(committedWrites, counts[1], "outbox events of risk " + k.id + " at version " + version);
                ackedWrites += k.ackedWrites;
                uncertain += k.uncertain ? 1 : 0;
            }
            assertTrue(
                    ackedWrites >= acked, ackedWrites + " acknowledged writes tracked, " + acked + " before the kill");
            LOG.info(known.size() + " risks, " + ackedWrites + " acknowledged writes all present; " + uncertain
                    + " risks had a write in flight at the kill");

            // every event the outbox holds for this tenant's risks (acknowledged writes and any in-flight write that
            // committed) reaches the receiver, from whichever node's dispatcher picks it up
            List<String> eventIds = eventIds(env, admin.orgId());
            long expectedEvents = rows.values().stream().mapToLong(c -> c[1]).sum();
            assertEquals(expectedEvents, eventIds.size());
            Poll.until(
                    "outbox events delivered after the restart",
                    Duration.ofMinutes(2),
                    () -> received.containsAll(eventIds));
            LOG.info(eventIds.size() + " events delivered to the webhook receiver");
        } finally {
            receiver.stop(0);
        }
    }

    /** One writer: creates a risk, updates it a few times with If-Match, then moves on to a new one. */
    private static void write(
            Api api,
            int self,
            List<Known> known,
            AtomicBoolean stop,
            AtomicBoolean killed,
            AtomicInteger ackedBeforeKill,
            AtomicInteger failedAfterKill) {
        Known current = null;
        int n = 0;
        while (!stop.get()) {
            n++;
            try {
                if (current == null || current.ackedWrites > UPDATES_PER_RISK || current.uncertain) {
                    current = null;
                    ApiResponse r = api.post(
                            "/api/v1/risks",
                            Map.of(
                                    "title",
                                    "crash " + self + "-" + n,
                                    "category",
                                    "security",
                                    "likelihood",
                                    2,
                                    "impact",
                                    3));
                    if (r.status() != 201) {
                        throw new IllegalStateException("create answered " + r.status());
                    }
                    Known k = new Known(r.json().getJsonNumber("id").longValue(), version(r));
                    synchronized (known) {
                        known.add(k);
                    }
                    current = k;
                } else {
                    Known k = current;
                    k.uncertain = true;
                    ApiResponse r = api.withHeader("If-Match", "\"" + k.ackedVersion + "\"")
                            .patch("/api/v1/risks/" + k.id, Map.of("title", "crash " + self + "-" + n));
                    if (r.status() != 200) {
                        throw new IllegalStateException("update answered " + r.status());
                    }
                    k.ackedVersion = version(r);
                    k.ackedWrites++;
                    k.uncertain = false;
                }
                if (!killed.get()) {
                    ackedBeforeKill.incrementAndGet();
                }
            } catch (RuntimeException e) {
                // no answer (connection reset, refused): the outcome is unknown, never counted as acknowledged
                if (killed.get()) {
                    failedAfterKill.incrementAndGet();
                    Poll.pause(Duration.ofMillis(200));
                } else {
                    throw e;
                }
            }
        }
    }

    private static long version(ApiResponse r) {
        return Long.parseLong(r.header("ETag").replace("W/", "").replace("\"", ""));
    }

    /** Per risk of the tenant: history rows and outbox events, straight from the database. */
    private static Map<Long, long[]> committedRows(RiskbaseEnvironment env, long orgId) throws SQLException {
        Map<Long, long[]> rows = new HashMap<>();
        try (Connection c = env.postgres().dataSource().getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "select risk_id, count(*) from risk_history where org_id = ? group by risk_id")) {
                s.setLong(1, orgId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.computeIfAbsent(rs.getLong(1), k -> new long[2])[0] = rs.getLong(2);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("select object_id, count(*) from events where org_id = ?"
                    + " and object_type = 'risk' group by object_id")) {
                s.setLong(1, orgId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.computeIfAbsent(Long.parseLong(rs.getString(1)), k -> new long[2])[1] = rs.getLong(2);
                    }
                }
            }
        }
        return rows;
    }

    private static List<String> eventIds(RiskbaseEnvironment env, long orgId) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = env.postgres().dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select id from events where org_id = ? and type like 'risk.%' order by seq")) {
            s.setLong(1, orgId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add("evt_" + rs.getLong(1));
                }
            }
        }
        return ids;
    }
}
