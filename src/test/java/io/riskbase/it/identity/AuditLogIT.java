package io.riskbase.it.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.Poll;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The organization audit log over HTTP on two nodes and PostgreSQL: what is recorded, the chain, tampering, export. */
class AuditLogIT {

    static RiskbaseEnvironment env;
    static Api api;
    static LibertyNode nodeB;

    @BeforeAll
    static void start() {
        env = RiskbaseEnvironment.get();
        api = env.api();
        nodeB = env.nodeB();
    }

    static List<JsonObject> entries(Api admin, String query) {
        List<JsonObject> all = new ArrayList<>();
        long after = 0;
        while (true) {
            ApiResponse page = admin.get("/api/v1/audit-log?limit=100&after=" + after + query)
                    .expect(200);
            List<JsonObject> items = page.array().getValuesAs(JsonObject.class);
            all.addAll(items);
            if (page.header("X-Next-After") == null) {
                return all;
            }
            after = Long.parseLong(page.header("X-Next-After"));
        }
    }

    static Set<String> actions(List<JsonObject> entries) {
        Set<String> actions = new HashSet<>();
        entries.forEach(e -> actions.add(e.getString("action")));
        return actions;
    }

    static long createRisk(Api as, String title) {
        return as.post("/api/v1/risks", Map.of("title", title, "category", "security", "likelihood", 2, "impact", 3))
                .expect(201)
                .json()
                .getJsonNumber("id")
                .longValue();
    }

    static void patchRisk(Api as, long id, Map<String, Object> patch) {
        String etag = as.get("/api/v1/risks/" + id).expect(200).header("ETag");
        as.withHeader("If-Match", etag).patch("/api/v1/risks/" + id, patch).expect(200);
    }

    static JsonObject verify(Api admin) {
        return admin.get("/api/v1/audit-log/verify").expect(200).json();
    }

    @Test
    void identityKeyAndRiskChangesAreRecordedWithTheirActor() {
        Session admin = Tenants.signup(api, "audit-record");
        Session analyst = Tenants.addUser(admin, "ANALYST");
        api.post("/api/v1/auth/login", Map.of("email", analyst.email(), "password", "wrong-password-123"))
                .expectProblem(401, null);
        admin.api()
                .patch("/api/v1/users/" + analyst.userId(), Map.of("role", "VIEWER"))
                .expect(200);
        long riskId = createRisk(admin.api(), "Audited risk");
        patchRisk(admin.api(), riskId, Map.of("impact", 5));
        JsonObject key = admin.api()
                .post("/api/v1/api-keys", Map.of("name", "ci", "scopes", List.of("risks:write")))
                .expect(201)
                .json();
        long keyId = key.getJsonNumber("id").longValue();
        long byKey = createRisk(api.as(key.getString("secret")), "Risk by key");
        // the use is recorded off the request thread, once a minute at most
        Poll.until(
                "the key's use is audited",
                Duration.ofSeconds(15),
                () -> entries(admin.api(), "&action=api-key.used").stream()
                        .anyMatch(e -> e.getJsonNumber("actor_id").longValue() == keyId
                                && e.getString("actor_kind").equals("API_KEY")));
        admin.api().delete("/api/v1/api-keys/" + keyId).expect(200);
        String settings =
                admin.api().get("/api/v1/organization/settings").expect(200).body();
        admin.api()
                .send("PUT", "/api/v1/organization/settings", settings, "application/json")
                .expect(200);
        admin.api()
                .post("/api/v1/invitations", Map.of("email", "new@audit.example", "role", "VIEWER"))
                .expect(201);
        admin.api().delete("/api/v1/users/" + analyst.userId()).expect(204);
        admin.api().post("/api/v1/auth/logout", null).expect(204);
        Api fresh = api.as(Tenants.login(api, admin.email(), Tenants.PASSWORD));

        List<JsonObject> log = entries(fresh, "");
        assertTrue(
                actions(log)
                        .containsAll(List.of(
                                "organization.created",
                                "login.succeeded",
                                "login.failed",
                                "user.created",
                                "user.updated",
                                "user.deleted",
                                "risk.created",
                                "risk.updated",
                                "api-key.created",
                                "api-key.revoked",
                                "invitation.created",
                                "api-key.used",
                                "settings.updated",
                                "logout")),
                "actions: " + actions(log));
        JsonObject failed = log.stream()
                .filter(e -> e.getString("action").equals("login.failed"))
                .findFirst()
                .orElseThrow();
        assertEquals(analyst.userId(), failed.getJsonNumber("actor_id").longValue());
        assertEquals("127.0.0.1", failed.getString("client_address"));
        JsonObject roleChange = log.stream()
                .filter(e -> e.getString("action").equals("user.updated"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "VIEWER", roleChange.getJsonObject("data").getJsonObject("role").getString("to"));
        JsonObject keyWrite =
                entries(fresh, "&object_type=risk&object_id=" + byKey).get(0);
        assertEquals("API_KEY", keyWrite.getString("actor_kind"));
        assertEquals(keyId, keyWrite.getJsonNumber("actor_id").longValue());
        assertEquals("risk.created", keyWrite.getString("action"));
        List<JsonObject> ofRisk = entries(fresh, "&object_type=risk&object_id=" + riskId);
        assertEquals(
                List.of("risk.created", "risk.updated"),
                ofRisk.stream().map(e -> e.getString("action")).toList());
        assertEquals(admin.userId(), ofRisk.get(1).getJsonNumber("actor_id").longValue());
        assertEquals("USER", ofRisk.get(1).getString("actor_kind"));
        // filters by actor and action
        assertTrue(entries(fresh, "&actor=" + keyId).stream()
                .allMatch(e -> e.getJsonNumber("actor_id").longValue() == keyId));
        assertEquals(1, entries(fresh, "&action=logout").size());
        assertEquals(0, entries(fresh, "&to=2000-01-01T00:00:00Z").size());
        assertTrue(verify(fresh).getBoolean("valid"), verify(fresh).toString());
    }

    @Test
    void aFailedLoginOfAnUnknownEmailIsAnsweredAlikeAndRecordedNowhere() {
        Session admin = Tenants.signup(api, "audit-unknown");
        String known = api.post("/api/v1/auth/login", Map.of("email", admin.email(), "password", "wrong-password-1"))
                .expectProblem(401, null)
                .json()
                .getString("detail");
        String unknown = api.post(
                        "/api/v1/auth/login", Map.of("email", "nobody@audit.example", "password", "wrong-password-1"))
                .expectProblem(401, null)
                .json()
                .getString("detail");
        assertEquals(known, unknown);
        assertFalse(admin.api().get("/api/v1/audit-log?limit=100").body().contains("nobody@audit.example"));
    }

    @Test
    void pagesFollowTheCursorAndAnotherOrganizationsEntriesAreNeverShown() {
        Session x = Tenants.signup(api, "audit-page-x");
        Session y = Tenants.signup(api, "audit-page-y");
        long yRisk = createRisk(y.api(), "Y's risk");
        for (int i = 0; i < 5; i++) {
            createRisk(x.api(), "X risk " + i);
        }
        ApiResponse first = x.api().get("/api/v1/audit-log?limit=3").expect(200);
        assertEquals(3, first.array().size());
        String next = first.header("X-Next-After");
        assertNotNull(next);
        assertTrue(first.header("Link").contains("after=" + next), first.header("Link"));
        List<JsonObject> rest =
                x.api().get("/api/v1/audit-log?limit=100&after=" + next).array().getValuesAs(JsonObject.class);
        assertEquals(Long.parseLong(next) + 1, rest.get(0).getJsonNumber("seq").longValue());
        List<JsonObject> all = entries(x.api(), "");
        assertTrue(all.stream()
                .noneMatch(e -> e.getString("action").equals("risk.created")
                        && e.getString("object_id").equals(Long.toString(yRisk))));
        assertEquals(0, entries(x.api(), "&object_type=risk&object_id=" + yRisk).size());
        x.api().get("/api/v1/audit-log?limit=0").expectProblem(400, "limit");
        x.api().get("/api/v1/audit-log?from=yesterday").expectProblem(400, "from");
        Session viewer = Tenants.addUser(x, "VIEWER");
        viewer.api().get("/api/v1/audit-log").expectProblem(403, null);
        viewer.api().get("/api/v1/audit-log/verify").expectProblem(403, null);
        viewer.api().get("/api/v1/audit-log/export").expectProblem(403, null);
        String reader = x.api()
                .post("/api/v1/api-keys", Map.of("name", "siem", "scopes", List.of("audit:read")))
                .expect(201)
                .json()
                .getString("secret");
        api.as(reader).get("/api/v1/audit-log").expect(200);
        api.as(reader).get("/api/v1/risks").expectProblem(403, null);
    }

    @Test
    void parallelWritersOnTwoNodesKeepOneUnbrokenChain() throws Exception {
        Session admin = Tenants.signup(api, "audit-race");
        Api onA = admin.api();
        Api onB = admin.on(nodeB);
        int writes = 40;
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < writes; i++) {
            Api node = i % 2 == 0 ? onA : onB;
            String title = "Race " + i;
            calls.add(() -> node.sendWaitingOutRateLimits(
                            "POST",
                            "/api/v1/risks",
                            "{\"title\":\"" + title + "\",\"category\":\"security\",\"likelihood\":1,\"impact\":1}",
                            "application/json")
                    .status());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Integer> f : pool.invokeAll(calls, 120, TimeUnit.SECONDS)) {
                assertEquals(201, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<JsonObject> log = entries(onA, "");
        for (int i = 0; i < log.size(); i++) {
            assertEquals(i + 1, log.get(i).getJsonNumber("seq").longValue(), "no gap or duplicate in seq");
            if (i > 0) {
                assertEquals(log.get(i - 1).getString("hash"), log.get(i).getString("prev_hash"), "one chain");
            }
        }
        assertEquals(writes, entries(onA, "&action=risk.created").size());
        JsonObject verdict =
                admin.on(nodeB).get("/api/v1/audit-log/verify").expect(200).json();
        assertTrue(verdict.getBoolean("valid"), verdict.toString());
        assertEquals(log.size(), verdict.getJsonNumber("checked").longValue());
    }

    @Test
    void aRowEditedInTheDatabaseIsReportedByVerifyWithItsId() throws Exception {
        Session admin = Tenants.signup(api, "audit-tamper");
        long riskId = createRisk(admin.api(), "Tamper target");
        patchRisk(admin.api(), riskId, Map.of("impact", 4));
        createRisk(admin.api(), "After the target");
        assertTrue(verify(admin.api()).getBoolean("valid"));
        JsonObject target = entries(admin.api(), "&object_type=risk&object_id=" + riskId + "&action=risk.updated")
                .get(0);
        long id = target.getJsonNumber("id").longValue();
        try (Connection c = DriverManager.getConnection(env.postgres().jdbcUrl(), "riskbase", "riskbase-test");
                PreparedStatement s = c.prepareStatement("update audit_log set data = ? where id = ?")) {
            s.setString(1, "{\"impact\":{\"old\":3,\"new\":1}}");
            s.setLong(2, id);
            assertEquals(1, s.executeUpdate());
        }
        JsonObject verdict = verify(admin.api());
        assertFalse(verdict.getBoolean("valid"), verdict.toString());
        assertEquals(
                id, verdict.getJsonObject("first_broken").getJsonNumber("id").longValue());
        assertEquals(
                target.getJsonNumber("seq").longValue(),
                verdict.getJsonObject("first_broken").getJsonNumber("seq").longValue());
    }

    @Test
    void theExportIsNdjsonOfTheWholeChain() {
        Session admin = Tenants.signup(api, "audit-export");
        for (int i = 0; i < 3; i++) {
            createRisk(admin.api(), "Exported " + i);
        }
        ApiResponse export = admin.api().get("/api/v1/audit-log/export").expect(200);
        assertTrue(export.header("Content-Type").startsWith("application/x-ndjson"), export.header("Content-Type"));
        String[] lines = export.body().split("\n");
        List<JsonObject> listed = entries(admin.api(), "");
        assertEquals(listed.size(), lines.length);
        String prev = "0".repeat(64);
        for (int i = 0; i < lines.length; i++) {
            try (JsonReader reader = Json.createReader(new StringReader(lines[i]))) {
                JsonObject line = reader.readObject();
                assertEquals(listed.get(i).getString("hash"), line.getString("hash"));
                assertEquals(prev, line.getString("prev_hash"));
                prev = line.getString("hash");
            }
        }
        String filtered = admin.api()
                .get("/api/v1/audit-log/export?action=risk.created")
                .expect(200)
                .body();
        assertEquals(3, filtered.split("\n").length);
    }

    @Test
    void theExportIsAlsoCsvOrXlsxOfTheOrganizationsOwnEntriesOnly() throws Exception {
        Session admin = Tenants.signup(api, "audit-export-csv");
        Session other = Tenants.signup(api, "audit-export-other");
        createRisk(admin.api(), "Exported to CSV");
        createRisk(other.api(), "Not in the first export");
        List<JsonObject> listed = entries(admin.api(), "");
        ApiResponse csv = admin.api().get("/api/v1/audit-log/export?format=csv").expect(200);
        assertTrue(csv.header("Content-Type").startsWith("text/csv"), csv.header("Content-Type"));
        assertTrue(csv.header("Content-Disposition").contains("audit-log.csv"), csv.header("Content-Disposition"));
        List<org.apache.commons.csv.CSVRecord> records = org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setHeader()
                .get()
                .parse(new StringReader(csv.body()))
                .getRecords();
        assertEquals(listed.size(), records.size());
        for (int i = 0; i < records.size(); i++) {
            assertEquals(listed.get(i).getString("hash"), records.get(i).get("hash"));
            try (JsonReader reader =
                    Json.createReader(new StringReader(records.get(i).get("data")))) {
                assertEquals(listed.get(i).getJsonObject("data"), reader.readObject(), "data as its JSON text");
            }
        }
        assertTrue(csv.body().contains("risk.created"), csv.body());
        List<String> otherHashes =
                entries(other.api(), "").stream().map(e -> e.getString("hash")).toList();
        assertTrue(otherHashes.stream().noneMatch(csv.body()::contains), "another organization's entries");

        java.net.http.HttpResponse<byte[]> xlsx =
                admin.api().sendBytes("GET", "/api/v1/audit-log/export?format=xlsx&action=risk.created", null, null);
        assertEquals(200, xlsx.statusCode());
        try (org.dhatim.fastexcel.reader.ReadableWorkbook book =
                new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            List<org.dhatim.fastexcel.reader.Row> rows = book.getFirstSheet().read();
            assertEquals(2, rows.size(), "the header and the one risk.created entry");
            assertEquals("hash", rows.get(0).getCellText(11));
            assertEquals("risk.created", rows.get(1).getCellText(5));
        }
        admin.api().get("/api/v1/audit-log/export?format=pdf").expectProblem(400, "format");
    }
}
