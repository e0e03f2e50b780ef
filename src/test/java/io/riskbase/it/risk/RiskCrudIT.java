package io.riskbase.it.risk;

import static io.riskbase.it.risk.RiskFixtures.create;
import static io.riskbase.it.risk.RiskFixtures.id;
import static io.riskbase.it.risk.RiskFixtures.risk;
import static io.riskbase.it.risk.RiskFixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Risk CRUD over HTTP on PostgreSQL: round trips, optimistic locking, history, validation, roles, tenant isolation. */
class RiskCrudIT {

    static Api api;
    static Session admin;
    static Session analyst;
    static Session viewer;

    @BeforeAll
    static void start() {
        api = RiskbaseEnvironment.get().api();
        admin = Tenants.signup(api, "riskcrud");
        analyst = Tenants.addUser(admin, "ANALYST");
        viewer = Tenants.addUser(admin, "VIEWER");
    }

    @Test
    void createReadReplacePatchDeleteRoundTrip() {
        ApiResponse created = analyst.api()
                .post(
                        "/api/v1/risks",
                        with(
                                risk("  Ransomware on file servers ", "security", 4, 5),
                                "description",
                                "Shares encrypted",
                                "owner_id",
                                analyst.userId(),
                                "tags",
                                List.of("soc2", "soc2", "board"),
                                "due_date",
                                "2030-06-30"))
                .expect(201);
        JsonObject risk = created.json();
        long id = id(risk);
        assertTrue(created.header("Location").endsWith("/api/v1/risks/" + id), created.header("Location"));
        assertEquals("\"0\"", created.header("ETag"));
        assertEquals("Ransomware on file servers", risk.getString("title"));
        assertEquals(20, risk.getInt("score"));
        assertEquals("CRITICAL", risk.getString("severity"));
        assertEquals("OPEN", risk.getString("status"));
        assertEquals(
                List.of("soc2", "board"), risk.getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(analyst.userId(), risk.getJsonNumber("created_by").longValue());
        assertFalse(risk.containsKey("closed_at"));

        ApiResponse read = viewer.api().get("/api/v1/risks/" + id).expect(200);
        assertEquals("\"0\"", read.header("ETag"));
        assertEquals(risk, read.json());

        JsonObject replaced = analyst.api()
                .withHeader("If-Match", "\"0\"")
                .put(
                        "/api/v1/risks/" + id,
                        with(risk("Ransomware on file servers", "security", 2, 3), "status", "MITIGATING"))
                .expect(200)
                .json();
        assertEquals(6, replaced.getInt("score"));
        assertEquals("MEDIUM", replaced.getString("severity"));
        assertEquals(1, replaced.getInt("version"));
        assertFalse(replaced.containsKey("owner_id"), "PUT clears omitted optional fields");

        ApiResponse closed = admin.api()
                .patch("/api/v1/risks/" + id, Map.of("status", "CLOSED", "version", 1))
                .expect(200);
        assertEquals("\"2\"", closed.header("ETag"));
        assertNotNull(closed.json().getString("closed_at"));
        assertEquals(6, closed.json().getInt("score"), "untouched fields stay");

        JsonObject reopened = admin.api()
                .withHeader("If-Match", "\"2\"")
                .patch("/api/v1/risks/" + id, Map.of("status", "OPEN", "likelihood", 5))
                .expect(200)
                .json();
        assertFalse(reopened.containsKey("closed_at"), "leaving CLOSED clears closed_at");
        assertEquals(15, reopened.getInt("score"));

        analyst.api().delete("/api/v1/risks/" + id).expect(204);
        viewer.api().get("/api/v1/risks/" + id).expectProblem(404, "not found");
        analyst.api().delete("/api/v1/risks/" + id).expectProblem(404, null);

        ApiResponse history =
                viewer.api().get("/api/v1/risks/" + id + "/history").expect(200);
        assertEquals("5", history.header("X-Total-Count"));
        JsonArray entries = history.array();
        assertEquals(
                List.of("DELETED", "UPDATED", "UPDATED", "UPDATED", "CREATED"),
                entries.getValuesAs(JsonObject.class).stream()
                        .map(e -> e.getString("action"))
                        .toList());
        JsonObject closing = entries.getJsonObject(2);
        assertEquals(admin.userId(), closing.getJsonNumber("changed_by").longValue());
        Map<String, JsonObject> fields = byField(closing.getJsonArray("changes"));
        assertEquals(
                Map.of("status", "MITIGATING->CLOSED"),
                Map.of(
                        "status",
                        fields.get("status").getString("old") + "->"
                                + fields.get("status").getString("new")));
        assertTrue(fields.containsKey("closed_at") && fields.get("closed_at").isNull("old"), closing.toString());
        assertFalse(fields.containsKey("title"), "only changed fields are recorded");
        JsonObject replacing =
                byField(entries.getJsonObject(3).getJsonArray("changes")).get("owner_id");
        assertEquals(analyst.userId(), replacing.getJsonNumber("old").longValue());
        assertTrue(replacing.isNull("new"));
    }

    @Test
    void staleWritesAreRejectedNeverSilentlyApplied() {
        long id = id(create(analyst.api(), risk("Stale write target", "operational", 2, 2)));
        analyst.api()
                .patch("/api/v1/risks/" + id, Map.of("title", "first", "version", 0))
                .expect(200);

        analyst.api()
                .put("/api/v1/risks/" + id, risk("no precondition", "operational", 2, 2))
                .expectProblem(428, "If-Match");
        analyst.api()
                .patch("/api/v1/risks/" + id, Map.of("title", "no precondition"))
                .expectProblem(428, "If-Match");
        ApiResponse stale = analyst.api()
                .withHeader("If-Match", "\"0\"")
                .put("/api/v1/risks/" + id, risk("stale", "operational", 2, 2))
                .expectProblem(412, "does not match");
        assertEquals("\"1\"", stale.header("ETag"));
        analyst.api()
                .put("/api/v1/risks/" + id, with(risk("stale", "operational", 2, 2), "version", 0))
                .expectProblem(409, "stale");
        analyst.api()
                .patch("/api/v1/risks/" + id, Map.of("title", "stale", "version", 0))
                .expectProblem(409, "stale");
        analyst.api()
                .withHeader("If-Match", "W/\"1\"")
                .patch("/api/v1/risks/" + id, Map.of("title", "weak"))
                .expectProblem(412, null);
        analyst.api()
                .withHeader("If-Match", "\"0\"")
                .delete("/api/v1/risks/" + id)
                .expectProblem(412, null);
        analyst.api().delete("/api/v1/risks/" + id + "?version=0").expectProblem(409, "stale");
        analyst.api().delete("/api/v1/risks/" + id + "?version=x").expectProblem(400, "'version'");
        assertEquals(
                "first",
                analyst.api().get("/api/v1/risks/" + id).expect(200).json().getString("title"));

        JsonObject same = analyst.api()
                .withHeader("If-Match", "*")
                .patch("/api/v1/risks/" + id, Map.of("title", "first"))
                .expect(200)
                .json();
        assertEquals(1, same.getInt("version"), "a write that changes nothing makes no new version");
        assertEquals(
                "2",
                analyst.api()
                        .get("/api/v1/risks/" + id + "/history")
                        .expect(200)
                        .header("X-Total-Count"));
        analyst.api()
                .withHeader("If-Match", "\"1\"")
                .delete("/api/v1/risks/" + id)
                .expect(204);
    }

    @Test
    void everyFieldIsValidated() {
        Map<String, Object> ok = risk("Valid", "security", 3, 3);
        Object[][] bad = {
            {"title", null},
            {"title", "  "},
            {"title", "x".repeat(201)},
            {"description", "d".repeat(10_001)},
            {"category", null},
            {"category", "Not Valid"},
            {"severity", "HUGE"},
            {"status", "DONE"},
            {"likelihood", 0},
            {"likelihood", 6},
            {"likelihood", null},
            {"impact", 0},
            {"impact", 6},
            {"owner_id", -1},
            {"tags", List.of("a,b")},
            {"tags", List.of("x".repeat(41))},
            {"tags", java.util.Collections.nCopies(21, "t")},
            {"version", -1},
        };
        for (Object[] field : bad) {
            ApiResponse response = analyst.api()
                    .post("/api/v1/risks", with(ok, field[0], field[1]))
                    .expectProblem(400, (String) field[0]);
            assertTrue(response.body().contains("\"field\":\"" + field[0] + "\""), response.body());
        }
        analyst.api().post("/api/v1/risks", with(ok, "category", "astrology")).expectProblem(400, "category");
        analyst.api().post("/api/v1/risks", with(ok, "due_date", "1999-12-31")).expectProblem(400, "due_date");
        analyst.api().post("/api/v1/risks", with(ok, "due_date", "2030-02-30")).expectProblem(400, null);
        analyst.api().post("/api/v1/risks", with(ok, "likelihood", "three")).expectProblem(400, null);
        analyst.api().post("/api/v1/risks", with(ok, "owner_id", 999_999_999L)).expectProblem(400, "owner_id");
        Session other = Tenants.signup(api, "riskcrud-owner");
        analyst.api()
                .post("/api/v1/risks", with(ok, "owner_id", other.userId()))
                .expectProblem(400, "owner_id");
        analyst.api()
                .send("POST", "/api/v1/risks", "{\"title\":", "application/json")
                .expectProblem(400, "JSON");
        analyst.api().send("POST", "/api/v1/risks", "title=x", "text/plain").expectProblem(415, null);

        long id = id(create(analyst.api(), ok));
        analyst.api()
                .patch("/api/v1/risks/" + id, Map.of("version", 0, "likelihood", 9))
                .expectProblem(400, "likelihood");
        analyst.api()
                .send("PATCH", "/api/v1/risks/" + id, "{\"version\":0,\"title\":null}", "application/merge-patch+json")
                .expectProblem(400, "title");
        analyst.api()
                .send("PATCH", "/api/v1/risks/" + id, "[1,2]", "application/json")
                .expectProblem(400, "object");
        analyst.api().patch("/api/v1/risks/" + id, Map.of("version", "zero")).expectProblem(400, "version");
        JsonObject cleared = analyst.api()
                .send(
                        "PATCH",
                        "/api/v1/risks/" + id,
                        "{\"version\":0,\"description\":\"text\",\"score\":99}",
                        "application/merge-patch+json")
                .expect(200)
                .json();
        assertEquals(9, cleared.getInt("score"), "score is computed, never taken from the client");
        analyst.api().get("/api/v1/risks/abc").expectProblem(404, null);
        analyst.api().get("/api/v1/risks/1234567890123456789").expectProblem(404, null);
    }

    @Test
    void viewersReadOnlyAnalystsAndAdminsWrite() {
        long id = id(create(admin.api(), risk("Role check", "privacy", 1, 1)));
        viewer.api().get("/api/v1/risks").expect(200);
        viewer.api().get("/api/v1/risks/" + id).expect(200);
        viewer.api().get("/api/v1/risks/" + id + "/history").expect(200);
        viewer.api().post("/api/v1/risks", risk("Viewer", "privacy", 1, 1)).expectProblem(403, null);
        viewer.api()
                .withHeader("If-Match", "\"0\"")
                .put("/api/v1/risks/" + id, risk("Viewer", "privacy", 1, 1))
                .expectProblem(403, null);
        viewer.api()
                .patch("/api/v1/risks/" + id, Map.of("version", 0, "title", "Viewer"))
                .expectProblem(403, null);
        viewer.api().delete("/api/v1/risks/" + id).expectProblem(403, null);
        api.get("/api/v1/risks").expectProblem(401, null);
        api.get("/api/v1/risks/" + id).expectProblem(401, null);
        analyst.api()
                .patch("/api/v1/risks/" + id, Map.of("version", 0, "title", "Analyst"))
                .expect(200);
    }

    @Test
    void anotherOrganizationsRiskIsNotFoundForEveryMethod() {
        long id = id(create(admin.api(), with(risk("Secret of org A", "security", 5, 5), "description", "zebracorn")));
        Session intruder = Tenants.signup(api, "riskcrud-intruder");
        Api other = intruder.api();
        other.get("/api/v1/risks/" + id).expectProblem(404, "not found");
        other.get("/api/v1/risks/" + id + "/history").expectProblem(404, "not found");
        other.withHeader("If-Match", "\"0\"")
                .put("/api/v1/risks/" + id, risk("x", "security", 1, 1))
                .expectProblem(404, null);
        other.patch("/api/v1/risks/" + id, Map.of("version", 0, "title", "x")).expectProblem(404, null);
        other.delete("/api/v1/risks/" + id).expectProblem(404, null);
        assertEquals("0", other.get("/api/v1/risks").expect(200).header("X-Total-Count"));
        assertEquals(
                "0", other.get("/api/v1/risks/search?q=zebracorn").expect(200).header("X-Total-Count"));
        assertEquals(
                "1",
                admin.api().get("/api/v1/risks/search?q=zebracorn").expect(200).header("X-Total-Count"));
        assertEquals(0, other.get("/api/v1/risks/matrix").expect(200).json().getInt("total"));
        JsonObject stats = other.get("/api/v1/dashboard/stats").expect(200).json();
        assertEquals(0, stats.getInt("total"));
        assertEquals(0, stats.getJsonArray("top_risks").size());
        assertTrue(other
                .get("/api/v1/dashboard/timeline?days=3")
                .expect(200)
                .json()
                .getJsonArray("points")
                .getValuesAs(JsonObject.class)
                .stream()
                .allMatch(p -> p.getInt("opened") == 0 && p.getInt("closed") == 0));
        assertEquals(
                "Secret of org A",
                admin.api().get("/api/v1/risks/" + id).expect(200).json().getString("title"));
    }

    @Test
    void categoriesComeFromTheOrganizationSettings() {
        Session owner = Tenants.signup(api, "riskcrud-settings");
        JsonObject settings =
                owner.api().get("/api/v1/organization/settings").expect(200).json();
        long id = id(create(owner.api(), risk("Legacy category", "vendor", 2, 2)));
        Map<String, Object> changed = new java.util.LinkedHashMap<>();
        settings.forEach((k, v) -> changed.put(k, v));
        changed.put("categories", List.of("security", "supply-chain"));
        owner.api().put("/api/v1/organization/settings", changed).expect(200);
        owner.api()
                .put("/api/v1/organization/settings", Map.of("timezone", "Mars/Olympus"))
                .expectProblem(400, null);
        create(owner.api(), risk("New category", "supply-chain", 2, 2));
        owner.api()
                .post("/api/v1/risks", risk("Removed category", "vendor", 2, 2))
                .expectProblem(400, "category");
        owner.api()
                .patch("/api/v1/risks/" + id, Map.of("version", 0, "likelihood", 3))
                .expect(200);
    }

    @Test
    void openApiDocumentsTheRiskDashboardAndMarketplaceEndpoints() {
        String doc = api.get("/openapi").expect(200).body();
        for (String path : new String[] {
            "/api/v1/risks:",
            "/api/v1/risks/{id}:",
            "/api/v1/risks/{id}/history:",
            "/api/v1/risks/search:",
            "/api/v1/risks/matrix:",
            "/api/v1/dashboard/stats:",
            "/api/v1/dashboard/timeline:",
            "/api/v1/marketplace/connectors:",
            "/api/v1/marketplace/connectors/{id}:",
            "/api/v1/marketplace/apps/{id}:",
            "/api/v1/marketplace/connectors/{id}/installation:"
        }) {
            assertTrue(doc.contains(path), "OpenAPI lacks " + path);
        }
        for (String part : new String[] {
            "X-Total-Count",
            "PreconditionFailed",
            "PreconditionRequired",
            "application/problem+json",
            "RiskInput",
            "RiskMatrix",
            "DashboardStats",
            "Installation"
        }) {
            assertTrue(doc.contains(part), "OpenAPI lacks " + part);
        }
    }

    private static Map<String, JsonObject> byField(JsonArray changes) {
        Map<String, JsonObject> map = new java.util.HashMap<>();
        for (JsonObject c : changes.getValuesAs(JsonObject.class)) {
            map.put(c.getString("field"), c);
        }
        return map;
    }
}
