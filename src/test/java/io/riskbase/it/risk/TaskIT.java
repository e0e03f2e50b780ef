package io.riskbase.it.risk;

import static io.riskbase.it.risk.RiskFixtures.create;
import static io.riskbase.it.risk.RiskFixtures.id;
import static io.riskbase.it.risk.RiskFixtures.ids;
import static io.riskbase.it.risk.RiskFixtures.risk;
import static io.riskbase.it.risk.RiskFixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Treatment over HTTP on PostgreSQL: a risk's strategy and its tasks (CRUD, roles, validation), the task summary on the
 * risk following every task write through the caches, a person's work across risks, and tenant isolation.
 */
class TaskIT {

    static Api api;
    static Session admin;
    static Session analyst;
    static Session viewer;

    @BeforeAll
    static void start() {
        api = RiskbaseEnvironment.get().api();
        admin = Tenants.signup(api, "tasks");
        analyst = Tenants.addUser(admin, "ANALYST");
        viewer = Tenants.addUser(admin, "VIEWER");
    }

    @Test
    void aTreatmentPlanIsKeptAndSummarisedOnItsRisk() {
        JsonObject r = create(analyst.api(), with(risk("Phishing", "security", 4, 4), "strategy", "MITIGATE"));
        long riskId = id(r);
        assertEquals("MITIGATE", r.getString("strategy"));
        assertEquals(summary(0, 0, 0), summary(r));
        // warm the caches that must follow the task writes
        String etag = viewer.api().get("/api/v1/risks/" + riskId).expect(200).header("ETag");
        viewer.api().get("/api/v1/risks?q=phishing").expect(200);

        ApiResponse created = analyst.api()
                .post("/api/v1/risks/" + riskId + "/tasks", task("Train staff", analyst.userId(), "2030-01-31"))
                .expect(201);
        JsonObject t = created.json();
        long taskId = t.getJsonNumber("id").longValue();
        assertTrue(created.header("Location").endsWith("/api/v1/risks/" + riskId + "/tasks/" + taskId));
        assertEquals("OPEN", t.getString("status"));
        assertEquals(riskId, t.getJsonNumber("risk_id").longValue());
        assertFalse(t.containsKey("completed_at"));
        analyst.api()
                .post("/api/v1/risks/" + riskId + "/tasks", task("Phishing drill", null, null))
                .expect(201);

        assertEquals(
                summary(2, 2, 0),
                summary(viewer.api().get("/api/v1/risks/" + riskId).expect(200).json()));
        // the summary is part of the risk's representation: a conditional GET with the old ETag sees the change
        viewer.api()
                .withHeader("If-None-Match", etag)
                .get("/api/v1/risks/" + riskId)
                .expect(200);
        assertEquals(
                summary(2, 2, 0),
                summary(viewer.api()
                        .get("/api/v1/risks?q=phishing")
                        .expect(200)
                        .array()
                        .getJsonObject(0)));
        ApiResponse plan =
                viewer.api().get("/api/v1/risks/" + riskId + "/tasks").expect(200);
        assertEquals("2", plan.header("X-Total-Count"));
        assertEquals("Train staff", plan.array().getJsonObject(0).getString("title"));

        JsonObject done = admin.api()
                .patch("/api/v1/risks/" + riskId + "/tasks/" + taskId, Map.of("status", "DONE", "version", 0))
                .expect(200)
                .json();
        assertTrue(done.containsKey("completed_at"));
        assertEquals(1, done.getInt("version"));
        admin.api()
                .patch("/api/v1/risks/" + riskId + "/tasks/" + taskId, Map.of("title", "stale", "version", 0))
                .expectProblem(409, "stale");
        assertEquals(
                summary(2, 1, 1),
                summary(viewer.api().get("/api/v1/risks/" + riskId).expect(200).json()));
        assertEquals(
                "DONE",
                viewer.api()
                        .get("/api/v1/risks/" + riskId + "/tasks/" + taskId)
                        .expect(200)
                        .json()
                        .getString("status"));

        viewer.api()
                .post("/api/v1/risks/" + riskId + "/tasks", task("Viewer may not", null, null))
                .expectProblem(403, null);
        viewer.api().delete("/api/v1/risks/" + riskId + "/tasks/" + taskId).expectProblem(403, null);
        analyst.api().delete("/api/v1/risks/" + riskId + "/tasks/" + taskId).expect(204);
        viewer.api().get("/api/v1/risks/" + riskId + "/tasks/" + taskId).expectProblem(404, "not found");
        assertEquals(
                summary(1, 1, 0),
                summary(viewer.api().get("/api/v1/risks/" + riskId).expect(200).json()));
    }

    @Test
    void tasksAreValidated() {
        long riskId = id(create(analyst.api(), risk("Validated tasks", "security", 2, 2)));
        String path = "/api/v1/risks/" + riskId + "/tasks";
        analyst.api().post(path, Map.of("title", " ")).expectProblem(400, "title");
        analyst.api()
                .post(path, with(task("x", null, null), "status", "SOMEDAY"))
                .expectProblem(400, "status");
        analyst.api().post(path, task("x", null, "1999-01-01")).expectProblem(400, "due_date");
        Session other = Tenants.signup(api, "tasks-owner");
        analyst.api().post(path, task("x", other.userId(), null)).expectProblem(400, "owner_id");
        analyst.api()
                .post("/api/v1/risks/999999999/tasks", task("x", null, null))
                .expectProblem(404, null);
        long taskId = analyst.api()
                .post(path, task("Valid", null, null))
                .expect(201)
                .json()
                .getJsonNumber("id")
                .longValue();
        analyst.api()
                .send("PATCH", path + "/" + taskId, "{\"title\":null}", "application/merge-patch+json")
                .expectProblem(400, "title");
        analyst.api().patch(path + "/" + taskId, Map.of("version", "one")).expectProblem(400, "version");
        viewer.api().get("/api/v1/tasks?due_before=tomorrow").expectProblem(400, "'due_before'");
        viewer.api().get("/api/v1/tasks?status=LATER").expectProblem(400, "'status'");
        viewer.api().get("/api/v1/tasks?owner=bob").expectProblem(400, "'owner'");
    }

    @Test
    void aPersonSeesTheirOpenWorkAcrossRisksEarliestDueFirst() {
        Session me = Tenants.addUser(admin, "ANALYST");
        long r1 = id(create(me.api(), risk("First risk", "security", 2, 3)));
        long r2 = id(create(me.api(), risk("Second risk", "security", 3, 3)));
        long late = taskId(me, r1, task("Due later", me.userId(), "2031-06-01"));
        long soon = taskId(me, r2, task("Due soon", me.userId(), "2030-02-01"));
        long closed = taskId(me, r2, with(task("Already done", me.userId(), "2030-01-01"), "status", "DONE"));
        taskId(me, r2, task("Someone else's", analyst.userId(), "2030-01-15"));
        long noDue = taskId(me, r1, task("Whenever", me.userId(), null));

        assertEquals(
                List.of(soon, late, noDue),
                ids(me.api()
                        .get("/api/v1/tasks?owner=me&status=open")
                        .expect(200)
                        .array()));
        assertEquals(
                List.of(soon),
                ids(me.api()
                        .get("/api/v1/tasks?owner=me&status=open&due_before=2031-01-01")
                        .expect(200)
                        .array()));
        assertEquals(
                List.of(closed),
                ids(me.api()
                        .get("/api/v1/tasks?owner=me&status=DONE")
                        .expect(200)
                        .array()));
        assertEquals(
                "4",
                viewer.api()
                        .get("/api/v1/tasks?owner=" + me.userId() + "&size=1")
                        .expect(200)
                        .header("X-Total-Count"));

        // deleting a risk deletes its plan, and the work list follows
        me.api().delete("/api/v1/risks/" + r2).expect(204);
        assertEquals(
                List.of(late, noDue),
                ids(me.api()
                        .get("/api/v1/tasks?owner=me&status=open")
                        .expect(200)
                        .array()));
    }

    @Test
    void anotherOrganizationsTasksAreNotFoundForEveryMethod() {
        long riskId = id(create(admin.api(), risk("Secret plan", "security", 3, 3)));
        long taskId = taskId(admin, riskId, task("Secret task", admin.userId(), "2030-05-05"));
        Session intruder = Tenants.signup(api, "tasks-intruder");
        Api other = intruder.api();
        String path = "/api/v1/risks/" + riskId + "/tasks";
        other.get(path).expectProblem(404, "not found");
        other.post(path, task("x", null, null)).expectProblem(404, null);
        other.get(path + "/" + taskId).expectProblem(404, "not found");
        other.patch(path + "/" + taskId, Map.of("title", "x")).expectProblem(404, null);
        other.delete(path + "/" + taskId).expectProblem(404, null);
        assertEquals("0", other.get("/api/v1/tasks").expect(200).header("X-Total-Count"));
        // the task of another risk of the same organization is not found either
        long otherRisk = id(create(admin.api(), risk("Another risk", "security", 1, 1)));
        admin.api().get("/api/v1/risks/" + otherRisk + "/tasks/" + taskId).expectProblem(404, null);
        assertEquals(
                "Secret task",
                admin.api().get(path + "/" + taskId).expect(200).json().getString("title"));
    }

    private static long taskId(Session who, long riskId, Map<String, Object> body) {
        return who.api()
                .post("/api/v1/risks/" + riskId + "/tasks", body)
                .expect(201)
                .json()
                .getJsonNumber("id")
                .longValue();
    }

    static Map<String, Object> task(String title, Long owner, String due) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        if (owner != null) {
            body.put("owner_id", owner);
        }
        if (due != null) {
            body.put("due_date", due);
        }
        return body;
    }

    private static String summary(int total, int open, int done) {
        return total + "/" + open + "/" + done;
    }

    private static String summary(JsonObject risk) {
        JsonObject t = risk.getJsonObject("tasks");
        return t.getInt("total") + "/" + t.getInt("open") + "/" + t.getInt("done");
    }
}
