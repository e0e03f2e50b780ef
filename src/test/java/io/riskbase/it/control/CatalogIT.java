package io.riskbase.it.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Assets, controls, frameworks and their links over HTTP on PostgreSQL: CRUD and roles, links with history on both
 * ends, detaching on deletion, tenant isolation of every link endpoint (404, no row), idempotent and all-or-nothing
 * framework import, and coverage and impact following every change through the caches.
 */
class CatalogIT {

    static RiskbaseEnvironment env;
    static Api api;
    static Session admin;
    static Session analyst;
    static Session viewer;

    @BeforeAll
    static void start() {
        env = RiskbaseEnvironment.get();
        api = env.api().waitingOutRateLimits();
        admin = Tenants.signup(api, "catalog");
        analyst = Tenants.addUser(admin, "ANALYST");
        viewer = Tenants.addUser(admin, "VIEWER");
    }

    static long id(JsonObject o) {
        return o.getJsonNumber("id").longValue();
    }

    static long risk(Session s, String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("category", "security");
        body.put("likelihood", 3);
        body.put("impact", 4);
        return id(s.api()
                .waitingOutRateLimits()
                .post("/api/v1/risks", body)
                .expect(201)
                .json());
    }

    static long asset(Session s, String name, String type, int criticality) {
        return id(s.api()
                .waitingOutRateLimits()
                .post("/api/v1/assets", Map.of("name", name, "type", type, "criticality", criticality))
                .expect(201)
                .json());
    }

    static long control(Session s, String code, String status) {
        return id(s.api()
                .waitingOutRateLimits()
                .post(
                        "/api/v1/controls",
                        Map.of("code", code, "name", "Control " + code, "type", "PREVENTIVE", "status", status))
                .expect(201)
                .json());
    }

    static Map<String, Object> framework(String code, String version) {
        return Map.of(
                "code",
                code,
                "version",
                version,
                "name",
                "Test framework " + code,
                "requirements",
                List.of(
                        Map.of(
                                "code", "A",
                                "title", "Branch A",
                                "requirements",
                                        List.of(
                                                Map.of("code", "A.1", "title", "One"),
                                                Map.of("code", "A.2", "title", "Two"))),
                        Map.of(
                                "code", "B",
                                "title", "Branch B",
                                "requirements", List.of(Map.of("code", "B.1", "title", "Three")))));
    }

    static Map<String, Long> requirementIds(Session s, long frameworkId) {
        Map<String, Long> ids = new LinkedHashMap<>();
        JsonArray reqs = s.api()
                .waitingOutRateLimits()
                .get("/api/v1/frameworks/" + frameworkId + "/requirements")
                .expect(200)
                .array();
        for (JsonValue v : reqs) {
            ids.put(v.asJsonObject().getString("code"), id(v.asJsonObject()));
        }
        return ids;
    }

    static long count(String sql) throws Exception {
        try (Connection c = env.postgres().dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> actions(ApiResponse history) {
        List<String> out = new ArrayList<>();
        for (JsonValue v : history.array()) {
            out.add(v.asJsonObject().getString("action"));
        }
        return out;
    }

    @Test
    void assetsAndControlsAreKeptFilteredAndVersioned() {
        long db = asset(analyst, "Customer DB", "data", 5);
        asset(analyst, "Website", "application", 2);
        viewer.api()
                .waitingOutRateLimits()
                .post("/api/v1/assets", Map.of("name", "x", "type", "data", "criticality", 1))
                .expectProblem(403, null);
        analyst.api()
                .waitingOutRateLimits()
                .post("/api/v1/assets", Map.of("name", "x", "type", "spaceship", "criticality", 9))
                .expectProblem(400, null);
        ApiResponse data = viewer.api()
                .waitingOutRateLimits()
                .get("/api/v1/assets?type=data&min_criticality=4")
                .expect(200);
        assertEquals("1", data.header("X-Total-Count"));
        assertEquals(db, id(data.array().getJsonObject(0)));
        assertEquals(
                "1",
                viewer.api()
                        .waitingOutRateLimits()
                        .get("/api/v1/assets?q=websi")
                        .expect(200)
                        .header("X-Total-Count"));
        viewer.api()
                .waitingOutRateLimits()
                .get("/api/v1/assets?min_criticality=11")
                .expectProblem(400, "min_criticality");

        long c = control(analyst, "AC-" + System.nanoTime() % 100000, "PLANNED");
        JsonObject read = viewer.api()
                .waitingOutRateLimits()
                .get("/api/v1/controls/" + c)
                .expect(200)
                .json();
        assertEquals("PLANNED", read.getString("status"));
        Map<String, Object> update = new LinkedHashMap<>(Map.of(
                "name", "Renamed", "type", "DETECTIVE", "status", "IMPLEMENTED", "effectiveness", 4, "version", 0));
        JsonObject updated = analyst.api()
                .waitingOutRateLimits()
                .put("/api/v1/controls/" + c, update)
                .expect(200)
                .json();
        assertEquals("IMPLEMENTED", updated.getString("status"));
        analyst.api()
                .waitingOutRateLimits()
                .put("/api/v1/controls/" + c, update)
                .expectProblem(409, "version");
        assertEquals(
                "1",
                viewer.api()
                        .waitingOutRateLimits()
                        .get("/api/v1/controls?status=implemented&q=renamed")
                        .expect(200)
                        .header("X-Total-Count"));
        viewer.api().waitingOutRateLimits().get("/api/v1/controls?status=bogus").expectProblem(400, "status");
        assertEquals(
                List.of("UPDATED", "CREATED"),
                actions(viewer.api()
                        .waitingOutRateLimits()
                        .get("/api/v1/controls/" + c + "/history")
                        .expect(200)));
    }

    @Test
    void linksAreIdempotentRecordedOnBothEndsAndDetachedWhenTheirControlOrAssetIsDeleted() throws Exception {
        long r = risk(analyst, "Ransomware");
        long c = control(analyst, "BK-" + System.nanoTime() % 100000, "IMPLEMENTED");
        long a = asset(analyst, "File server", "infrastructure", 4);
        viewer.api()
                .waitingOutRateLimits()
                .put("/api/v1/risks/" + r + "/controls/" + c, null)
                .expectProblem(403, null);
        analyst.api()
                .waitingOutRateLimits()
                .put("/api/v1/risks/" + r + "/controls/" + c, null)
                .expect(204);
        analyst.api()
                .waitingOutRateLimits()
                .put("/api/v1/risks/" + r + "/controls/" + c, null)
                .expect(204);
        analyst.api()
                .waitingOutRateLimits()
                .put("/api/v1/risks/" + r + "/assets/" + a, null)
                .expect(204);

        assertEquals(
                c,
                id(viewer.api()
                        .waitingOutRateLimits()
                        .get("/api/v1/risks/" + r + "/controls")
                        .expect(200)
                        .array()
                        .getJsonObject(0)));
        assertEquals(
                r,
                id(viewer.api()
                        .waitingOutRateLimits()
                        .get("/api/v1/assets/" + a + "/risks")
                        .expect(200)
                        .array()
                        .getJsonObject(0)));
        JsonObject impact = viewer.api()
                .waitingOutRateLimits()
                .get("/api/v1/controls/" + c + "/impact")
                .expect(200)
                .json();
        assertEquals(r, id(impact.getJsonArray("risks").getJsonObject(0)));
        assertEquals(
                List.of("LINKED", "CREATED"),
                actions(viewer.api().waitingOutRateLimits().get("/api/v1/controls/" + c + "/history")));
        JsonArray riskHistory = viewer.api()
                .waitingOutRateLimits()
                .get("/api/v1/risks/" + r + "/history")
                .expect(200)
                .array();
        assertEquals("LINKED", riskHistory.getJsonObject(0).getString("action"));
        assertEquals(
                2,
                riskHistory.stream()
                        .filter(v -> v.asJsonObject().getString("action").equals("LINKED"))
                        .count());

        // deleting the control detaches it everywhere, in the same transaction, and the risk's history says so
        analyst.api().waitingOutRateLimits().delete("/api/v1/controls/" + c).expect(204);
        assertEquals(0, count("select count(*) from risk_controls where control_id = " + c));
        assertEquals(
                "0",
                viewer.api()
                        .waitingOutRateLimits()
                        .get("/api/v1/risks/" + r + "/controls")
                        .expect(200)
                        .header("X-Total-Count"));
        assertEquals(
                "UNLINKED",
                viewer.api()
                        .waitingOutRateLimits()
                        .get("/api/v1/risks/" + r + "/history")
                        .expect(200)
                        .array()
                        .getJsonObject(0)
                        .getString("action"));
        viewer.api()
                .waitingOutRateLimits()
                .get("/api/v1/controls/" + c + "/impact")
                .expectProblem(404, null);
        assertEquals(
                List.of("DELETED", "LINKED", "CREATED"),
                actions(viewer.api()
                        .waitingOutRateLimits()
                        .get("/api/v1/controls/" + c + "/history")
                        .expect(200)));

        analyst.api().waitingOutRateLimits().delete("/api/v1/assets/" + a).expect(204);
        assertEquals(0, count("select count(*) from risk_assets where asset_id = " + a));
        assertEquals(
                "0",
                viewer.api()
                        .waitingOutRateLimits()
                        .get("/api/v1/risks/" + r + "/assets")
                        .expect(200)
                        .header("X-Total-Count"));
        analyst.api()
                .waitingOutRateLimits()
                .delete("/api/v1/risks/" + r + "/assets/" + a)
                .expectProblem(404, "asset");
    }

    @Test
    void everyEndpointAnswers404ForAnotherOrganizationsIdsAndLinksNothingAcrossTenants() throws Exception {
        Session other = Tenants.signup(api, "catalog-other");
        long myRisk = risk(analyst, "Mine");
        long myControl = control(analyst, "MY-" + System.nanoTime() % 100000, "IMPLEMENTED");
        long myAsset = asset(analyst, "Mine", "data", 3);
        long myFramework = id(admin.api()
                .waitingOutRateLimits()
                .post("/api/v1/frameworks/import", framework("MINE", "1"))
                .expect(201)
                .json()
                .getJsonObject("framework"));
        long myRequirement = requirementIds(admin, myFramework).get("A.1");
        long theirRisk = risk(other, "Theirs");
        long theirControl = control(other, "THEIRS-1", "IMPLEMENTED");
        long theirAsset = asset(other, "Theirs", "data", 3);
        long theirFramework = id(other.api()
                .waitingOutRateLimits()
                .post("/api/v1/frameworks/import", framework("THEIRS", "1"))
                .expect(201)
                .json()
                .getJsonObject("framework"));
        long theirRequirement = requirementIds(other, theirFramework).get("A.1");

        String links = "(select count(*) from risk_controls where org_id in (" + admin.orgId() + "," + other.orgId()
                + ")) + (select count(*) from risk_assets where org_id in (" + admin.orgId() + "," + other.orgId()
                + ")) + (select count(*) from control_requirements where org_id in (" + admin.orgId() + ","
                + other.orgId() + "))";
        long before = count("select " + links);
        List<String> paths = List.of(
                "/api/v1/risks/" + myRisk + "/controls/" + theirControl,
                "/api/v1/risks/" + theirRisk + "/controls/" + myControl,
                "/api/v1/risks/" + myRisk + "/assets/" + theirAsset,
                "/api/v1/risks/" + theirRisk + "/assets/" + myAsset,
                "/api/v1/controls/" + myControl + "/requirements/" + theirRequirement,
                "/api/v1/controls/" + theirControl + "/requirements/" + myRequirement);
        for (String path : paths) {
            analyst.api().waitingOutRateLimits().put(path, null).expectProblem(404, null);
            analyst.api().waitingOutRateLimits().delete(path).expectProblem(404, null);
            admin.api().waitingOutRateLimits().put(path, null).expectProblem(404, null);
        }
        assertEquals(before, count("select " + links));

        for (String path : List.of(
                "/api/v1/assets/" + theirAsset,
                "/api/v1/assets/" + theirAsset + "/risks",
                "/api/v1/assets/" + theirAsset + "/history",
                "/api/v1/controls/" + theirControl,
                "/api/v1/controls/" + theirControl + "/impact",
                "/api/v1/controls/" + theirControl + "/history",
                "/api/v1/risks/" + theirRisk + "/controls",
                "/api/v1/risks/" + theirRisk + "/assets",
                "/api/v1/frameworks/" + theirFramework,
                "/api/v1/frameworks/" + theirFramework + "/requirements",
                "/api/v1/frameworks/" + theirFramework + "/coverage",
                "/api/v1/frameworks/" + theirFramework + "/requirements/" + theirRequirement + "/history",
                "/api/v1/frameworks/" + myFramework + "/requirements/" + theirRequirement + "/history")) {
            viewer.api().waitingOutRateLimits().get(path).expectProblem(404, null);
        }
        analyst.api()
                .waitingOutRateLimits()
                .put("/api/v1/assets/" + theirAsset, Map.of("name", "stolen", "type", "data", "criticality", 1))
                .expectProblem(404, null);
        analyst.api()
                .waitingOutRateLimits()
                .put("/api/v1/controls/" + theirControl, Map.of("name", "stolen", "type", "PREVENTIVE"))
                .expectProblem(404, null);
        analyst.api()
                .waitingOutRateLimits()
                .delete("/api/v1/assets/" + theirAsset)
                .expectProblem(404, null);
        analyst.api()
                .waitingOutRateLimits()
                .delete("/api/v1/controls/" + theirControl)
                .expectProblem(404, null);
        other.api().waitingOutRateLimits().get("/api/v1/assets/" + theirAsset).expect(200);
        other.api()
                .waitingOutRateLimits()
                .get("/api/v1/controls/" + theirControl)
                .expect(200);
        assertFalse(viewer.api()
                .waitingOutRateLimits()
                .get("/api/v1/frameworks")
                .expect(200)
                .body()
                .contains("THEIRS"));
    }

    @Test
    void aFrameworkImportIsIdempotentAndAMalformedOneWritesNothing() throws Exception {
        String rows = "select count(*) from framework_requirements where org_id = " + admin.orgId();
        analyst.api()
                .waitingOutRateLimits()
                .post("/api/v1/frameworks/import", framework("IDEM", "1"))
                .expectProblem(403, null);
        JsonObject first = admin.api()
                .waitingOutRateLimits()
                .post("/api/v1/frameworks/import", framework("IDEM", "1"))
                .expect(201)
                .json();
        assertEquals(5, first.getInt("added"));
        long after = count(rows);
        String snapshot = admin.api()
                .waitingOutRateLimits()
                .get("/api/v1/frameworks/" + id(first.getJsonObject("framework")) + "/requirements")
                .expect(200)
                .body();
        JsonObject second = admin.api()
                .waitingOutRateLimits()
                .post("/api/v1/frameworks/import", framework("IDEM", "1"))
                .expect(200)
                .json();
        assertEquals(0, second.getInt("added"));
        assertEquals(0, second.getInt("updated"));
        assertEquals(id(first.getJsonObject("framework")), id(second.getJsonObject("framework")));
        assertEquals(after, count(rows));
        assertEquals(
                snapshot,
                admin.api()
                        .waitingOutRateLimits()
                        .get("/api/v1/frameworks/" + id(first.getJsonObject("framework")) + "/requirements")
                        .expect(200)
                        .body());

        long frameworks = count("select count(*) from frameworks where org_id = " + admin.orgId());
        String malformed = "{\"code\":\"BAD\",\"version\":\"1\",\"name\":\"Bad\",\"requirements\":[{\"code\":\"A\","
                + "\"title\":\"ok\",\"requirements\":[{\"code\":\"A.1\"},{\"code\":\"A\",\"title\":\"dup\"}]}]}";
        JsonObject problem = admin.api()
                .waitingOutRateLimits()
                .send("POST", "/api/v1/frameworks/import", malformed, "application/json")
                .expectProblem(400, null)
                .json();
        String errors = problem.getJsonArray("errors").toString();
        assertTrue(errors.contains("$.requirements[0].requirements[0].title"), errors);
        assertTrue(errors.contains("$.requirements[0].requirements[1].code"), errors);
        assertEquals(frameworks, count("select count(*) from frameworks where org_id = " + admin.orgId()));
        assertEquals(after, count(rows));
    }

    @Test
    void aCsvFrameworkImportIsTheSameTreeAsJsonIdempotentAndAMalformedOneNamesRowsAndWritesNothing() throws Exception {
        String rows = "select count(*) from framework_requirements where org_id = " + admin.orgId();
        String query = "/api/v1/frameworks/import?code=CSV1&version=1&name=Csv%20one&source=test";
        // the tree of framework("CSV1", "1"), children listed before their parents
        String csv = "code,title,parent\r\nA.1,One,A\r\nA,Branch A,\r\nA.2,Two,A\r\nB,Branch B,\r\nB.1,Three,B\r\n";
        viewer.api().waitingOutRateLimits().send("POST", query, csv, "text/csv").expectProblem(403, null);
        JsonObject json = admin.api()
                .waitingOutRateLimits()
                .post("/api/v1/frameworks/import", framework("CSV1", "1"))
                .expect(201)
                .json();
        long fw = id(json.getJsonObject("framework"));
        String listing = "/api/v1/frameworks/" + fw + "/requirements";
        String tree =
                admin.api().waitingOutRateLimits().get(listing).expect(200).body();
        long after = count(rows);
        for (int i = 0; i < 2; i++) {
            JsonObject again = admin.api()
                    .waitingOutRateLimits()
                    .send(
                            "POST",
                            query.replace("Csv%20one", "Test%20framework%20CSV1")
                                    .replace("&source=test", ""),
                            csv,
                            "text/csv; charset=UTF-8")
                    .expect(200)
                    .json();
            assertEquals(fw, id(again.getJsonObject("framework")));
            assertEquals(0, again.getInt("added"), again.toString());
            assertEquals(0, again.getInt("updated"), again.toString());
        }
        assertEquals(after, count(rows));
        assertEquals(
                tree,
                admin.api().waitingOutRateLimits().get(listing).expect(200).body());

        JsonObject created = admin.api()
                .waitingOutRateLimits()
                .send("POST", query.replace("CSV1", "CSV2"), "\uFEFF" + csv + "C,Branch C,\r\n", "text/csv")
                .expect(201)
                .json();
        assertEquals(6, created.getInt("added"));
        assertEquals("test", created.getJsonObject("framework").getString("source"));
        long frameworks = count("select count(*) from frameworks where org_id = " + admin.orgId());
        long withNew = count(rows);
        String malformed = "code,title,parent\nX,ok,\n,no code,X\nX.1,child,MISSING\nX,dup,\n";
        String errors = admin.api()
                .waitingOutRateLimits()
                .send("POST", query.replace("CSV1", "CSV3"), malformed, "text/csv")
                .expectProblem(400, null)
                .json()
                .getJsonArray("errors")
                .toString();
        assertTrue(errors.contains("row 3, code"), errors);
        assertTrue(errors.contains("row 5, code"), errors);
        admin.api()
                .waitingOutRateLimits()
                .send("POST", "/api/v1/frameworks/import?version=1&name=x", csv, "text/csv")
                .expectProblem(400, null);
        admin.api()
                .waitingOutRateLimits()
                .send("POST", query.replace("CSV1", "CSV4"), csv, "application/xml")
                .expectProblem(415, null);
        assertEquals(frameworks, count("select count(*) from frameworks where org_id = " + admin.orgId()));
        assertEquals(withNew, count(rows));
    }

    @Test
    void aTaskImplementsAControlOfItsOwnOrganizationAndTheControlsImpactListsIt() throws Exception {
        Session other = Tenants.signup(api, "catalog-tasks");
        long r = risk(analyst, "Needs MFA");
        long c = control(analyst, "TASK-" + System.nanoTime() % 100000, "PLANNED");
        long theirs = control(other, "THEIRS-T", "IMPLEMENTED");
        String tasks = "/api/v1/risks/" + r + "/tasks";
        String impact = "/api/v1/controls/" + c + "/impact";
        // read first, so that the task's write must evict the cached impact
        assertEquals(
                0,
                viewer.api()
                        .waitingOutRateLimits()
                        .get(impact)
                        .expect(200)
                        .json()
                        .getJsonArray("tasks")
                        .size());

        String rows = "select count(*) from risk_tasks where org_id in (" + admin.orgId() + "," + other.orgId() + ")";
        long before = count(rows);
        for (Object bad : List.of(theirs, 999_999_999L)) {
            analyst.api()
                    .waitingOutRateLimits()
                    .post(tasks, Map.of("title", "Roll out MFA", "control_id", bad))
                    .expectProblem(400, "control_id");
        }
        analyst.api()
                .waitingOutRateLimits()
                .post(tasks, Map.of("title", "Roll out MFA", "control_id", "x"))
                .expectProblem(400, null);
        assertEquals(before, count(rows));

        JsonObject task = analyst.api()
                .waitingOutRateLimits()
                .post(tasks, Map.of("title", "Roll out MFA", "control_id", c))
                .expect(201)
                .json();
        assertEquals(c, task.getJsonNumber("control_id").longValue());
        JsonArray listed = viewer.api()
                .waitingOutRateLimits()
                .get(impact)
                .expect(200)
                .json()
                .getJsonArray("tasks");
        assertEquals(1, listed.size(), listed.toString());
        assertEquals(id(task), id(listed.getJsonObject(0)));
        assertEquals(r, listed.getJsonObject(0).getJsonNumber("risk_id").longValue());

        String one = tasks + "/" + id(task);
        analyst.api()
                .waitingOutRateLimits()
                .patch(one, Map.of("control_id", theirs))
                .expectProblem(400, "control_id");
        assertEquals(
                c,
                analyst.api()
                        .waitingOutRateLimits()
                        .get(one)
                        .expect(200)
                        .json()
                        .getJsonNumber("control_id")
                        .longValue());
        assertEquals(
                "DONE",
                analyst.api()
                        .waitingOutRateLimits()
                        .patch(one, Map.of("status", "DONE"))
                        .expect(200)
                        .json()
                        .getString("status"));
        assertEquals(
                "DONE",
                viewer.api()
                        .waitingOutRateLimits()
                        .get(impact)
                        .expect(200)
                        .json()
                        .getJsonArray("tasks")
                        .getJsonObject(0)
                        .getString("status"));

        // deleting the control keeps the task (work done on the risk) and clears its reference in the same transaction
        analyst.api().waitingOutRateLimits().delete("/api/v1/controls/" + c).expect(204);
        assertEquals(0, count("select count(*) from risk_tasks where control_id = " + c));
        JsonObject after =
                analyst.api().waitingOutRateLimits().get(one).expect(200).json();
        // null fields are left out of the JSON
        assertFalse(after.containsKey("control_id") && !after.isNull("control_id"), after.toString());
        assertEquals(
                1,
                analyst.api()
                        .waitingOutRateLimits()
                        .get(tasks)
                        .expect(200)
                        .array()
                        .size());
    }

    @Test
    void aRequirementsHistoryShowsItsMappingsTheDeletionOfAMappedControlAndReimportChanges() {
        long fw = id(admin.api()
                .waitingOutRateLimits()
                .post("/api/v1/frameworks/import", framework("HIST", "1"))
                .expect(201)
                .json()
                .getJsonObject("framework"));
        Map<String, Long> reqs = requirementIds(admin, fw);
        String history = "/api/v1/frameworks/" + fw + "/requirements/" + reqs.get("A.1") + "/history";
        ApiResponse none = viewer.api().waitingOutRateLimits().get(history).expect(200);
        assertEquals(List.of(), actions(none));
        assertEquals("0", none.header("X-Total-Count"));

        long c = control(analyst, "HIST-" + System.nanoTime() % 100000, "IMPLEMENTED");
        String mapping = "/api/v1/controls/" + c + "/requirements/" + reqs.get("A.1");
        analyst.api().waitingOutRateLimits().put(mapping, null).expect(204);
        analyst.api().waitingOutRateLimits().delete(mapping).expect(204);
        analyst.api().waitingOutRateLimits().put(mapping, null).expect(204);
        // read, so that the control's deletion must evict the cached page
        assertEquals(
                List.of("LINKED", "UNLINKED", "LINKED"),
                actions(viewer.api().get(history).expect(200)));
        analyst.api().waitingOutRateLimits().delete("/api/v1/controls/" + c).expect(204);

        Map<String, Object> changed = new LinkedHashMap<>(framework("HIST", "1"));
        changed.put(
                "requirements",
                List.of(Map.of(
                        "code",
                        "A",
                        "title",
                        "Branch A",
                        "requirements",
                        List.of(Map.of("code", "A.1", "title", "One, renamed")))));
        assertEquals(
                1,
                admin.api()
                        .waitingOutRateLimits()
                        .post("/api/v1/frameworks/import", changed)
                        .expect(200)
                        .json()
                        .getInt("updated"));
        JsonArray entries =
                viewer.api().waitingOutRateLimits().get(history).expect(200).array();
        assertEquals(
                List.of("UPDATED", "UNLINKED", "LINKED", "UNLINKED", "LINKED"),
                entries.stream().map(e -> e.asJsonObject().getString("action")).toList());
        JsonObject renamed = entries.getJsonObject(0).getJsonObject("changes").getJsonObject("title");
        assertEquals("One", renamed.getString("old"));
        assertEquals("One, renamed", renamed.getString("new"));
        assertEquals(
                c,
                entries.getJsonObject(1)
                        .getJsonObject("changes")
                        .getJsonObject("control_id")
                        .getJsonNumber("old")
                        .longValue());
        // a requirement of another framework under this framework's id is not found
        long other = id(admin.api()
                .waitingOutRateLimits()
                .post("/api/v1/frameworks/import", framework("HIST2", "1"))
                .expect(201)
                .json()
                .getJsonObject("framework"));
        viewer.api()
                .waitingOutRateLimits()
                .get("/api/v1/frameworks/" + other + "/requirements/" + reqs.get("A.1") + "/history")
                .expectProblem(404, null);
    }

    @Test
    void anOrganizationsAssetTypesAndCriticalityScaleAreItsOwnAndCheckedOnEveryAssetWrite() {
        Session own = Tenants.signup(api, "catalog-scheme");
        Session ownAnalyst = Tenants.addUser(own, "ANALYST");
        Session neighbour = Tenants.signup(api, "catalog-scheme-b");
        JsonObject defaults = ownAnalyst
                .api()
                .waitingOutRateLimits()
                .get("/api/v1/assets/scheme")
                .expect(200)
                .json();
        assertEquals(
                List.of("application", "data", "infrastructure", "process", "people", "vendor", "facility", "other"),
                defaults.getJsonArray("types").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(5, defaults.getJsonArray("criticality").size());
        long kept = asset(ownAnalyst, "Old vendor", "vendor", 5);

        Map<String, Object> scheme = Map.of(
                "types", List.of("application", "data", "ot-device"), "criticality", List.of("low", "medium", "high"));
        ownAnalyst
                .api()
                .waitingOutRateLimits()
                .put("/api/v1/assets/scheme", scheme)
                .expectProblem(403, null);
        for (Map<String, List<String>> bad : List.of(
                Map.of("types", List.of("Not Lower"), "criticality", List.of("a", "b")),
                Map.of("types", List.<String>of(), "criticality", List.of("a", "b")),
                Map.of("types", List.of("a"), "criticality", List.of("only one")))) {
            own.api().waitingOutRateLimits().put("/api/v1/assets/scheme", bad).expectProblem(400, null);
        }
        JsonObject saved = own.api()
                .waitingOutRateLimits()
                .put("/api/v1/assets/scheme", scheme)
                .expect(200)
                .json();
        assertEquals(3, saved.getJsonArray("criticality").size());
        // read back through the cache the PUT evicted
        assertEquals(
                saved,
                ownAnalyst
                        .api()
                        .waitingOutRateLimits()
                        .get("/api/v1/assets/scheme")
                        .expect(200)
                        .json());

        asset(ownAnalyst, "PLC", "ot-device", 3);
        ownAnalyst
                .api()
                .waitingOutRateLimits()
                .post("/api/v1/assets", Map.of("name", "x", "type", "vendor", "criticality", 1))
                .expectProblem(400, "type");
        ownAnalyst
                .api()
                .waitingOutRateLimits()
                .post("/api/v1/assets", Map.of("name", "x", "type", "data", "criticality", 4))
                .expectProblem(400, "criticality");
        // an asset keeps a type and criticality no longer listed until it changes them
        String keptPath = "/api/v1/assets/" + kept;
        JsonObject renamed = ownAnalyst
                .api()
                .waitingOutRateLimits()
                .put(keptPath, Map.of("name", "Old vendor, renamed", "type", "vendor", "criticality", 5))
                .expect(200)
                .json();
        assertEquals("vendor", renamed.getString("type"));
        ownAnalyst
                .api()
                .waitingOutRateLimits()
                .put(keptPath, Map.of("name", "Old vendor", "type", "vendor", "criticality", 4))
                .expectProblem(400, "criticality");

        // the other organization keeps the defaults
        asset(neighbour, "Theirs", "vendor", 5);
        neighbour
                .api()
                .waitingOutRateLimits()
                .post("/api/v1/assets", Map.of("name", "x", "type", "ot-device", "criticality", 1))
                .expectProblem(400, "type");
    }

    @Test
    void coverageRollsUpPerBranchAndFollowsControlMappingAndLinkChanges() {
        long fw = id(admin.api()
                .waitingOutRateLimits()
                .post("/api/v1/frameworks/import", framework("COV", "2024"))
                .expect(201)
                .json()
                .getJsonObject("framework"));
        Map<String, Long> req = requirementIds(admin, fw);
        long done = control(analyst, "COV-1-" + System.nanoTime() % 100000, "IMPLEMENTED");
        long planned = control(analyst, "COV-2-" + System.nanoTime() % 100000, "PLANNED");
        String coverage = "/api/v1/frameworks/" + fw + "/coverage";
        JsonObject cold =
                viewer.api().waitingOutRateLimits().get(coverage).expect(200).json();
        assertEquals(3, cold.getJsonObject("summary").getInt("not_covered"));

        analyst.api()
                .waitingOutRateLimits()
                .put("/api/v1/controls/" + done + "/requirements/" + req.get("A.1"), null)
                .expect(204);
        analyst.api()
                .waitingOutRateLimits()
                .put("/api/v1/controls/" + planned + "/requirements/" + req.get("A.2"), null)
                .expect(204);
        JsonObject c =
                viewer.api().waitingOutRateLimits().get(coverage).expect(200).json();
        Map<String, JsonObject> byCode = byCode(c);
        assertEquals("COVERED", byCode.get("A.1").getString("status"));
        assertEquals("PARTIAL", byCode.get("A.2").getString("status"));
        assertEquals("PARTIAL", byCode.get("A").getString("status"));
        assertEquals("NOT_COVERED", byCode.get("B").getString("status"));
        assertEquals(1, c.getJsonObject("summary").getInt("covered"));

        // a status change of a mapped control, a risk link and an unmapping each show at once
        analyst.api()
                .waitingOutRateLimits()
                .put(
                        "/api/v1/controls/" + planned,
                        Map.of("name", "Now done", "type", "PREVENTIVE", "status", "IMPLEMENTED"))
                .expect(200);
        assertEquals(
                "COVERED",
                byCode(viewer.api()
                                .waitingOutRateLimits()
                                .get(coverage)
                                .expect(200)
                                .json())
                        .get("A")
                        .getString("status"));
        long r = risk(analyst, "Covered risk");
        analyst.api()
                .waitingOutRateLimits()
                .put("/api/v1/risks/" + r + "/controls/" + done, null)
                .expect(204);
        assertEquals(
                r,
                byCode(viewer.api()
                                .waitingOutRateLimits()
                                .get(coverage)
                                .expect(200)
                                .json())
                        .get("A.1")
                        .getJsonArray("risk_ids")
                        .getJsonNumber(0)
                        .longValue());
        assertEquals(
                "A.1",
                viewer.api()
                        .waitingOutRateLimits()
                        .get("/api/v1/controls/" + done + "/impact")
                        .expect(200)
                        .json()
                        .getJsonArray("requirements")
                        .getJsonObject(0)
                        .getString("code"));
        analyst.api()
                .waitingOutRateLimits()
                .delete("/api/v1/controls/" + done + "/requirements/" + req.get("A.1"))
                .expect(204);
        Map<String, JsonObject> after = byCode(
                viewer.api().waitingOutRateLimits().get(coverage).expect(200).json());
        assertEquals("NOT_COVERED", after.get("A.1").getString("status"));
        assertEquals("PARTIAL", after.get("A").getString("status"));
    }

    @Test
    void theDemoOrganizationShowsNistCsfPartlyCovered() {
        String token = Tenants.login(api, "viewer@demo.riskbase.local", RiskbaseEnvironment.DEMO_PASSWORD);
        Api demo = api.as(token);
        JsonArray frameworks = demo.get("/api/v1/frameworks").expect(200).array();
        assertEquals(2, frameworks.size(), frameworks.toString());
        Map<String, JsonObject> byCode = new LinkedHashMap<>();
        frameworks.forEach(f -> byCode.put(f.asJsonObject().getString("code"), f.asJsonObject()));
        JsonObject csf = byCode.get("NIST-CSF");
        assertTrue(csf.getString("source").contains("NIST"));
        JsonObject sp = byCode.get("NIST-SP-800-53");
        assertTrue(sp.getString("source").contains("17 U.S.C. 105"), sp.toString());
        JsonObject spSummary = demo.get("/api/v1/frameworks/" + id(sp) + "/coverage")
                .expect(200)
                .json()
                .getJsonObject("summary");
        assertTrue(spSummary.getInt("covered") > 0 && spSummary.getInt("not_covered") > 0, spSummary.toString());
        JsonObject summary = demo.get("/api/v1/frameworks/" + id(csf) + "/coverage")
                .expect(200)
                .json()
                .getJsonObject("summary");
        assertEquals(22, summary.getInt("total"));
        assertTrue(
                summary.getInt("covered") > 0 && summary.getInt("partial") > 0 && summary.getInt("not_covered") > 0,
                summary.toString());
        assertTrue(Integer.parseInt(demo.get("/api/v1/controls").expect(200).header("X-Total-Count")) >= 7);
    }

    /**
     * A 220-requirement framework with 20 controls mapped to 160 leaves: coverage after an invalidating write (cold:
     * the database) and again (warm: the cache) gives the same body; both latencies are logged, not asserted.
     */
    @Test
    void coverageIsAnsweredFromTheCacheWhenWarmAndRecomputedAfterAChange() {
        List<Map<String, Object>> branches = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            List<Map<String, Object>> leaves = new ArrayList<>();
            for (int l = 0; l < 21; l++) {
                leaves.add(Map.of("code", "W" + b + "." + l, "title", "Requirement " + b + "." + l));
            }
            branches.add(Map.of("code", "W" + b, "title", "Branch " + b, "requirements", leaves));
        }
        long fw = id(admin.api()
                .waitingOutRateLimits()
                .post(
                        "/api/v1/frameworks/import",
                        Map.of("code", "WARM", "version", "1", "name", "Warm", "requirements", branches))
                .expect(201)
                .json()
                .getJsonObject("framework"));
        List<Long> leaves = requirementIds(admin, fw).entrySet().stream()
                .filter(e -> e.getKey().contains("."))
                .map(Map.Entry::getValue)
                .toList();
        List<Long> controls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long c = control(
                    analyst, "W-" + i + "-" + System.nanoTime() % 100000, i % 3 == 0 ? "PLANNED" : "IMPLEMENTED");
            controls.add(c);
            for (int j = 0; j < 8; j++) {
                analyst.api()
                        .waitingOutRateLimits()
                        .put("/api/v1/controls/" + c + "/requirements/" + leaves.get(i * 8 + j), null)
                        .expect(204);
            }
        }
        String coverage = "/api/v1/frameworks/" + fw + "/coverage";
        int rounds = 15;
        double[] cold = new double[rounds];
        double[] warm = new double[rounds * 4];
        for (int i = 0; i < rounds; i++) {
            // a risk link on a mapped control changes coverage (its risk_ids): the next read recomputes
            long r = risk(analyst, "Warm " + i);
            analyst.api()
                    .waitingOutRateLimits()
                    .put("/api/v1/risks/" + r + "/controls/" + controls.get(i), null)
                    .expect(204);
            long start = System.nanoTime();
            String first = viewer.api()
                    .waitingOutRateLimits()
                    .get(coverage)
                    .expect(200)
                    .body();
            cold[i] = (System.nanoTime() - start) / 1e6;
            assertTrue(first.contains("\"risk_ids\":[" + r + "]"), "the new link is in the recomputed coverage");
            for (int k = 0; k < 4; k++) {
                start = System.nanoTime();
                String again = viewer.api()
                        .waitingOutRateLimits()
                        .get(coverage)
                        .expect(200)
                        .body();
                warm[i * 4 + k] = (System.nanoTime() - start) / 1e6;
                assertEquals(first, again);
            }
        }
        java.util.Arrays.sort(cold);
        java.util.Arrays.sort(warm);
        java.util.logging.Logger.getLogger(CatalogIT.class.getName())
                .info(String.format(
                        "coverage over HTTP, 220 requirements: cold p50 %.1f ms p99 %.1f ms; warm p50 %.1f ms p99 %.1f"
                                + " ms",
                        cold[rounds / 2],
                        cold[rounds - 1],
                        warm[warm.length / 2],
                        warm[(int) Math.ceil(warm.length * 0.99) - 1]));
    }

    private static Map<String, JsonObject> byCode(JsonObject coverage) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        for (JsonValue v : coverage.getJsonArray("requirements")) {
            out.put(v.asJsonObject().getString("code"), v.asJsonObject());
        }
        return out;
    }
}
