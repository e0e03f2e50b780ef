package io.riskbase.it.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The outbox and the change feed over HTTP on two nodes and PostgreSQL. */
class EventFeedIT {

    static RiskbaseEnvironment env;
    static Api api;
    static LibertyNode nodeB;

    @BeforeAll
    static void start() {
        env = RiskbaseEnvironment.get();
        api = env.api();
        nodeB = env.nodeB();
    }

    /** Every event after the cursor, page by page, as the feed hands them out. */
    static List<JsonObject> feed(Api admin, long after) {
        List<JsonObject> all = new ArrayList<>();
        long cursor = after;
        while (true) {
            JsonObject page = admin.get("/api/v1/events?limit=50&after=" + cursor)
                    .expect(200)
                    .json();
            all.addAll(page.getJsonArray("data").getValuesAs(JsonObject.class));
            cursor = Long.parseLong(page.getString("next_after"));
            if (!page.getBoolean("has_more")) {
                return all;
            }
        }
    }

    static long createRisk(Api as, String title) {
        return as.post("/api/v1/risks", Map.of("title", title, "category", "security", "likelihood", 2, "impact", 3))
                .expect(201)
                .json()
                .getJsonNumber("id")
                .longValue();
    }

    static void assertNumberedFromOne(List<JsonObject> events) {
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).getJsonNumber("seq").longValue(), "seq of event " + i);
        }
    }

    @Test
    void everyChangeEmitsOneEventWithItsChangedFields() {
        Session admin = Tenants.signup(api, "events-kinds");
        long risk = createRisk(admin.api(), "Vendor outage");
        String etag = admin.api().get("/api/v1/risks/" + risk).expect(200).header("ETag");
        admin.api()
                .withHeader("If-Match", etag)
                .patch("/api/v1/risks/" + risk, Map.of("title", "Vendor outage (EU)"))
                .expect(200);
        long task = admin.api()
                .post("/api/v1/risks/" + risk + "/tasks", Map.of("title", "Second supplier"))
                .expect(201)
                .json()
                .getJsonNumber("id")
                .longValue();
        admin.api()
                .patch("/api/v1/risks/" + risk + "/tasks/" + task, Map.of("status", "DONE"))
                .expect(200);
        admin.api().delete("/api/v1/risks/" + risk + "/tasks/" + task).expect(204);
        Session analyst = Tenants.addUser(admin, "ANALYST");
        admin.api()
                .patch("/api/v1/users/" + analyst.userId(), Map.of("display_name", "Renamed"))
                .expect(200);
        String riskEtag = admin.api().get("/api/v1/risks/" + risk).expect(200).header("ETag");
        admin.api()
                .withHeader("If-Match", riskEtag)
                .delete("/api/v1/risks/" + risk)
                .expect(204);

        List<JsonObject> events = feed(admin.api(), 0);
        assertNumberedFromOne(events);
        List<String> types = events.stream().map(e -> e.getString("type")).toList();
        assertEquals(
                List.of(
                        "user.created", // the sign-up's first ADMIN
                        "risk.created",
                        "risk.updated",
                        "task.created",
                        "task.updated",
                        "task.deleted",
                        "user.created",
                        "user.updated",
                        "risk.deleted"),
                types);
        assertEquals(admin.email(), events.get(0).getJsonObject("data").getString("email"));
        JsonObject updated = events.get(2);
        assertEquals("risk", updated.getJsonObject("object").getString("type"));
        assertEquals(Long.toString(risk), updated.getJsonObject("object").getString("id"));
        JsonObject title =
                updated.getJsonObject("data").getJsonObject("changes").getJsonObject("title");
        assertEquals("Vendor outage", title.getString("old"));
        assertEquals("Vendor outage (EU)", title.getString("new"));
        assertFalse(updated.getJsonObject("data").getJsonObject("changes").containsKey("category"));
        JsonObject taskChanges = events.get(4).getJsonObject("data").getJsonObject("changes");
        assertEquals("DONE", taskChanges.getJsonObject("status").getString("new"));
        assertTrue(events.get(0).getString("id").startsWith("evt_"));
        // one event by id; the cursor past the end answers nothing new and keeps the cursor
        admin.api().get("/api/v1/events/" + events.get(0).getString("id")).expect(200);
        JsonObject end = admin.api()
                .get("/api/v1/events?after=" + events.size())
                .expect(200)
                .json();
        assertEquals(0, end.getJsonArray("data").size());
        assertEquals(Integer.toString(events.size()), end.getString("next_after"));
        admin.api().get("/api/v1/events?after=-1").expectProblem(400, "after");
        admin.api().get("/api/v1/events?after=abc").expectProblem(400, "after");
        admin.api().get("/api/v1/events?limit=0").expectProblem(400, "limit");
    }

    /**
     * A write that fails after its event was written rolls the event back with it; the next event takes the number the
     * failed one had, so the feed shows no gap.
     */
    @Test
    void aRolledBackWriteEmitsNothingAndLeavesNoGap() throws Exception {
        Session admin = Tenants.signup(api, "events-rollback");
        long risk = createRisk(admin.api(), "Rollback probe");
        // the review writes the risk's history and its event first, then the review row: fail that row
        try (Connection c = env.postgres().dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create or replace function fail_review_" + admin.orgId() + "() returns trigger as $$"
                    + " begin raise exception 'review refused by the test'; end $$ language plpgsql");
            s.execute("create trigger fail_review_" + admin.orgId() + " before insert on risk_reviews for each row"
                    + " when (new.org_id = " + admin.orgId() + ") execute function fail_review_" + admin.orgId()
                    + "()");
        }
        try {
            int status = admin.api()
                    .post("/api/v1/risks/" + risk + "/reviews", Map.of("note", "never stored"))
                    .status();
            assertTrue(status >= 500, "the failed write answers " + status);
        } finally {
            try (Connection c = env.postgres().dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("drop trigger fail_review_" + admin.orgId() + " on risk_reviews");
            }
        }
        createRisk(admin.api(), "After the failure");
        List<JsonObject> events = feed(admin.api(), 0);
        assertEquals(
                List.of("user.created", "risk.created", "risk.created"),
                events.stream().map(e -> e.getString("type")).toList());
        assertNumberedFromOne(events);
    }

    /**
     * Two nodes write one organization concurrently while a reader follows the feed: the reader sees every event once,
     * numbered 1..n without a gap, in the order the writes committed (each risk's created before its updated).
     */
    @Test
    void twoNodesWritingConcurrentlyGiveOneGaplessFeed() throws Exception {
        Session admin = Tenants.signup(api, "events-two-nodes");
        Api onA = admin.api();
        Api onB = admin.on(nodeB);
        int writersPerNode = 3;
        int risksPerWriter = 8;
        AtomicBoolean writing = new AtomicBoolean(true);
        List<JsonObject> followed = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2 * writersPerNode + 1);
        try {
            Future<?> reader = pool.submit(() -> {
                long cursor = 0;
                boolean last = false;
                while (true) {
                    boolean done = !writing.get();
                    JsonObject page = onA.get("/api/v1/events?limit=7&after=" + cursor)
                            .expect(200)
                            .json();
                    followed.addAll(page.getJsonArray("data").getValuesAs(JsonObject.class));
                    cursor = Long.parseLong(page.getString("next_after"));
                    if (done && !page.getBoolean("has_more")) {
                        if (last) {
                            return null;
                        }
                        last = true;
                    }
                }
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2 * writersPerNode; w++) {
                Api as = w % 2 == 0 ? onA : onB;
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < risksPerWriter; i++) {
                        long id = createRisk(as, "w" + writer + "-" + i);
                        String etag = as.get("/api/v1/risks/" + id).expect(200).header("ETag");
                        as.withHeader("If-Match", etag)
                                .patch("/api/v1/risks/" + id, Map.of("likelihood", 4))
                                .expect(200);
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        int expected = 1 + 2 * writersPerNode * risksPerWriter * 2; // the sign-up's user.created first
        assertEquals(expected, followed.size(), "every event seen once by the follower");
        assertNumberedFromOne(followed);
        Set<String> ids = new HashSet<>();
        followed.forEach(e -> assertTrue(ids.add(e.getString("id")), "duplicate " + e));
        Set<String> created = new HashSet<>();
        for (JsonObject e : followed.subList(1, followed.size())) {
            String risk = e.getJsonObject("object").getString("id");
            if (e.getString("type").equals("risk.created")) {
                created.add(risk);
            } else {
                assertTrue(created.contains(risk), "risk " + risk + " updated before its creation in the feed");
            }
        }
        assertEquals(followed, feed(onB, 0), "node B serves the same feed");
    }

    @Test
    void anOrganizationsFeedNeverShowsAnotherOrganizationsEvents() {
        Session one = Tenants.signup(api, "events-tenant-a");
        Session two = Tenants.signup(api, "events-tenant-b");
        createRisk(one.api(), "Only in one");
        List<JsonObject> ofOne = feed(one.api(), 0);
        assertEquals(
                List.of("user.created", "risk.created"),
                ofOne.stream().map(e -> e.getString("type")).toList());
        List<JsonObject> ofTwo = feed(two.api(), 0);
        assertEquals(1, ofTwo.size(), "only its own sign-up");
        assertEquals(two.email(), ofTwo.get(0).getJsonObject("data").getString("email"));
        for (JsonObject e : ofOne) {
            two.api().get("/api/v1/events/" + e.getString("id")).expectProblem(404, null);
        }
        Session viewer = Tenants.addUser(one, "VIEWER");
        viewer.api().get("/api/v1/events").expect(403);
    }
}
