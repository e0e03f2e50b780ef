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
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Periodic review over HTTP on PostgreSQL: next_review_at from the residual level's interval, recorded reviews moving
 * it (with history), the overdue and due-within filters, roles and tenant isolation.
 */
class ReviewIT {

    static Api api;

    @BeforeAll
    static void start() {
        api = RiskbaseEnvironment.get().api();
    }

    @Test
    void theResidualLevelSetsTheNextReviewAndAReviewMovesIt() {
        Session admin = Tenants.signup(api, "reviews");
        Session analyst = Tenants.addUser(admin, "ANALYST");
        Session viewer = Tenants.addUser(admin, "VIEWER");
        JsonObject critical = create(analyst.api(), risk("Critical residual", "security", 5, 5));
        JsonObject low = create(
                analyst.api(),
                with(risk("Low residual", "security", 5, 5), "residual", Map.of("likelihood", 1, "impact", 2)));
        assertEquals(Duration.ofDays(30), between(critical, "created_at", "next_review_at"));
        assertEquals(Duration.ofDays(365), between(low, "created_at", "next_review_at"));
        assertFalse(critical.containsKey("last_reviewed_at"));

        assertEquals(
                List.of(id(critical)),
                ids(viewer.api()
                        .get("/api/v1/risks?review=due_within:P31D")
                        .expect(200)
                        .array()));
        assertEquals(
                2,
                viewer.api()
                        .get("/api/v1/risks?review=due_within:P400D")
                        .expect(200)
                        .array()
                        .size());
        assertEquals(
                0,
                viewer.api()
                        .get("/api/v1/risks?review=overdue")
                        .expect(200)
                        .array()
                        .size());
        assertEquals(
                List.of(id(critical), id(low)),
                ids(viewer.api()
                        .get("/api/v1/risks?sort=next_review_at")
                        .expect(200)
                        .array()));
        viewer.api().get("/api/v1/risks?review=soon").expectProblem(400, "'review'");
        viewer.api().get("/api/v1/risks?review=due_within:P9999D").expectProblem(400, "'review'");

        viewer.api()
                .post("/api/v1/risks/" + id(critical) + "/reviews", Map.of("note", "no"))
                .expectProblem(403, null);
        ApiResponse recorded = analyst.api()
                .post("/api/v1/risks/" + id(critical) + "/reviews", Map.of("note", "  Controls re-tested  "))
                .expect(201);
        JsonObject review = recorded.json();
        assertEquals("Controls re-tested", review.getString("note"));
        assertEquals("CRITICAL", review.getString("residual_level"));
        assertEquals(analyst.userId(), review.getJsonNumber("reviewed_by").longValue());

        JsonObject after =
                viewer.api().get("/api/v1/risks/" + id(critical)).expect(200).json();
        assertEquals(review.getString("reviewed_at"), after.getString("last_reviewed_at"));
        assertEquals(Duration.ofDays(30), between(after, "last_reviewed_at", "next_review_at"));
        assertEquals(after.getString("next_review_at"), review.getString("next_review_at"));
        JsonObject entry = viewer.api()
                .get("/api/v1/risks/" + id(critical) + "/history")
                .expect(200)
                .array()
                .getJsonObject(0);
        assertEquals("REVIEWED", entry.getString("action"));
        assertTrue(entry.toString().contains("Controls re-tested"), entry.toString());
        ApiResponse list =
                viewer.api().get("/api/v1/risks/" + id(critical) + "/reviews").expect(200);
        assertEquals("1", list.header("X-Total-Count"));

        // a lower residual level brings a longer interval from the last review
        JsonObject lowered = analyst.api()
                .patch(
                        "/api/v1/risks/" + id(critical),
                        Map.of("version", after.getInt("version"), "residual", Map.of("likelihood", 1, "impact", 1)))
                .expect(200)
                .json();
        assertEquals(Duration.ofDays(365), between(lowered, "last_reviewed_at", "next_review_at"));

        JsonObject closed = analyst.api()
                .patch("/api/v1/risks/" + id(low), Map.of("version", 0, "status", "CLOSED"))
                .expect(200)
                .json();
        assertFalse(closed.containsKey("next_review_at"), "closed risks are not due for review");
        analyst.api().post("/api/v1/risks/" + id(low) + "/reviews", Map.of()).expectProblem(409, "CLOSED");
    }

    @Test
    void overdueRisksAreFound() throws Exception {
        Session admin = Tenants.signup(api, "reviews-overdue");
        long late = id(create(admin.api(), risk("Late review", "security", 3, 3)));
        long fine = id(create(admin.api(), risk("On time", "security", 3, 3)));
        try (Connection c = RiskbaseEnvironment.get().postgres().dataSource().getConnection();
                Statement s = c.createStatement()) {
            // time cannot be moved over HTTP: the row is made overdue before any list of this tenant was cached
            s.executeUpdate("update risks set next_review_at = now() - interval '2 days' where id = " + late);
        }
        assertEquals(
                List.of(late),
                ids(admin.api().get("/api/v1/risks?review=overdue").expect(200).array()));
        assertTrue(ids(admin.api()
                        .get("/api/v1/risks?review=due_within:P200D")
                        .expect(200)
                        .array())
                .contains(fine));

        // the dashboard follows the model: overdue reviews and tasks, residual levels, the appetite (MEDIUM)
        create(admin.api(), risk("Above appetite", "security", 4, 4));
        admin.api()
                .post("/api/v1/risks/" + fine + "/tasks", Map.of("title", "Late task", "due_date", "2020-01-01"))
                .expect(201);
        admin.api()
                .post("/api/v1/risks/" + fine + "/tasks", Map.of("title", "Later task", "due_date", "2099-01-01"))
                .expect(201);
        JsonObject stats =
                admin.api().get("/api/v1/dashboard/stats").expect(200).json();
        assertEquals(1, stats.getInt("overdue_reviews"));
        assertEquals(1, stats.getInt("overdue_tasks"));
        assertEquals(1, stats.getInt("above_appetite"));
        assertEquals("MEDIUM", stats.getString("appetite"));
        JsonObject byLevel = stats.getJsonObject("by_residual_level");
        assertEquals(List.of("LOW", "MEDIUM", "HIGH", "CRITICAL"), List.copyOf(byLevel.keySet()));
        assertEquals(2, byLevel.getInt("MEDIUM"));
        assertEquals(1, byLevel.getInt("HIGH"));
    }

    @Test
    void anotherOrganizationsReviewsAreNotFoundForEveryMethod() {
        Session owner = Tenants.signup(api, "reviews-owner");
        long id = id(create(owner.api(), risk("Reviewed secret", "security", 2, 2)));
        owner.api()
                .post("/api/v1/risks/" + id + "/reviews", Map.of("note", "secret note"))
                .expect(201);
        Api other = Tenants.signup(api, "reviews-intruder").api();
        other.get("/api/v1/risks/" + id + "/reviews").expectProblem(404, "not found");
        other.post("/api/v1/risks/" + id + "/reviews", Map.of("note", "x")).expectProblem(404, null);
        assertEquals(
                "1",
                owner.api().get("/api/v1/risks/" + id + "/reviews").expect(200).header("X-Total-Count"));
    }

    private static Duration between(JsonObject risk, String from, String to) {
        return Duration.between(OffsetDateTime.parse(risk.getString(from)), OffsetDateTime.parse(risk.getString(to)));
    }
}
