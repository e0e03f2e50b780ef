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
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The risk model over HTTP on PostgreSQL: the per-organization methodology (default, a 4 × 5 change, 409 or mapping for
 * removed values), inherent/residual/target scores validated against it, level filters, sorts and the matrix bases, and
 * that none of it leaks between organizations.
 */
class RiskModelIT {

    static Api api;

    @BeforeAll
    static void start() {
        api = RiskbaseEnvironment.get().api();
    }

    @Test
    void everyOrganizationStartsWithTheDefaultFiveByFiveMethodology() {
        Session admin = Tenants.signup(api, "model-default");
        Session viewer = Tenants.addUser(admin, "VIEWER");
        JsonObject m =
                viewer.api().get("/api/v1/organization/methodology").expect(200).json();
        assertEquals(1, m.getInt("version"));
        assertEquals(5, m.getJsonArray("likelihood").size());
        assertEquals(5, m.getJsonArray("impact").size());
        assertEquals("MEDIUM", m.getString("appetite"));
        JsonArray grid = m.getJsonArray("grid");
        for (int l = 1; l <= 5; l++) {
            for (int i = 1; i <= 5; i++) {
                int score = l * i;
                String today = score >= 20 ? "CRITICAL" : score >= 10 ? "HIGH" : score >= 5 ? "MEDIUM" : "LOW";
                assertEquals(today, grid.getJsonArray(l - 1).getString(i - 1), l + "x" + i);
            }
        }
        // a client of the old API: no residual, no target; the inherent values are today's fields
        JsonObject r = create(admin.api(), risk("Old client", "security", 4, 5));
        assertEquals("CRITICAL", r.getString("severity"));
        assertEquals(score(4, 5, 20, "CRITICAL"), pair(r.getJsonObject("inherent")));
        assertEquals(score(4, 5, 20, "CRITICAL"), pair(r.getJsonObject("residual")));
        assertFalse(r.containsKey("target"));
        assertFalse(r.getBoolean("residual_above_inherent"));
        assertEquals(1, r.getInt("methodology_version"));
        viewer.api().put("/api/v1/organization/methodology", fourByFive(null)).expectProblem(403, null);
        Tenants.addUser(admin, "ANALYST")
                .api()
                .put("/api/v1/organization/methodology", fourByFive(null))
                .expectProblem(403, null);
        viewer.api().get("/api/v1/organization/methodology?version=2").expectProblem(404, null);
        viewer.api().get("/api/v1/organization/methodology?version=x").expectProblem(400, "'version'");
    }

    @Test
    void aFourByFiveMethodologyRefusesLikelihoodFiveAndScoresFromItsGrid() {
        Session admin = Tenants.signup(api, "model-4x5");
        Session analyst = Tenants.addUser(admin, "ANALYST");
        long five =
                id(create(analyst.api(), with(risk("Uses likelihood five", "security", 5, 2), "target", pairIn(5, 1))));
        long fine = id(create(analyst.api(), risk("Within four", "security", 2, 2)));
        assertEquals(
                5, analyst.api().get("/api/v1/risks/" + five).expect(200).json().getInt("likelihood"));

        ApiResponse refused = admin.api()
                .put("/api/v1/organization/methodology", fourByFive(null))
                .expectProblem(409, "1 risk uses");
        assertTrue(refused.body().contains("likelihood 5 (1 risk)"), refused.body());
        assertEquals(
                1,
                admin.api()
                        .get("/api/v1/organization/methodology")
                        .expect(200)
                        .json()
                        .getInt("version"));
        admin.api()
                .put("/api/v1/organization/methodology", fourByFive(Map.of("likelihood", Map.of("3", 2))))
                .expectProblem(400, "mapping.likelihood");

        JsonObject v2 = admin.api()
                .put("/api/v1/organization/methodology", fourByFive(Map.of("likelihood", Map.of("5", 4))))
                .expect(200)
                .json();
        assertEquals(2, v2.getInt("version"));
        assertEquals(4, v2.getJsonArray("likelihood").size());

        // the cached risk was rescored with the mapping, with a history entry
        JsonObject mapped =
                analyst.api().get("/api/v1/risks/" + five).expect(200).json();
        assertEquals(4, mapped.getInt("likelihood"));
        assertEquals(8, mapped.getInt("score"));
        assertEquals(score(4, 1, 4, "HIGH"), pair(mapped.getJsonObject("target")));
        assertEquals(2, mapped.getInt("methodology_version"));
        assertEquals(1, mapped.getInt("version"));
        assertEquals(
                "2",
                analyst.api()
                        .get("/api/v1/risks/" + five + "/history")
                        .expect(200)
                        .header("X-Total-Count"));
        // untouched risks keep the version they were scored with
        assertEquals(
                1, analyst.api().get("/api/v1/risks/" + fine).expect(200).json().getInt("methodology_version"));

        ApiResponse five400 = analyst.api()
                .post("/api/v1/risks", risk("Likelihood five", "security", 5, 1))
                .expectProblem(400, "between 1 and 4");
        assertTrue(five400.body().contains("\"field\":\"likelihood\""), five400.body());
        analyst.api()
                .post("/api/v1/risks", with(risk("Residual five", "security", 2, 1), "residual", pairIn(5, 1)))
                .expectProblem(400, "residual.likelihood");
        analyst.api()
                .post("/api/v1/risks", with(risk("Target impact six", "security", 2, 1), "target", pairIn(1, 6)))
                .expectProblem(400, "target.impact");

        JsonObject graded = create(analyst.api(), risk("Graded by the grid", "security", 3, 1));
        assertEquals(score(3, 1, 3, "HIGH"), pair(graded.getJsonObject("inherent")));
        assertEquals("HIGH", graded.getString("severity"), "severity defaults to the level when it is one");
        assertEquals(2, graded.getInt("methodology_version"));

        JsonObject matrix =
                analyst.api().get("/api/v1/risks/matrix").expect(200).json();
        assertEquals(20, matrix.getJsonArray("cells").size());
        assertEquals(2, matrix.getInt("methodology_version"));
        assertEquals("inherent", matrix.getString("basis"));
        assertEquals(3, matrix.getInt("total"));

        // another organization still has the default, and no version 2
        Session other = Tenants.signup(api, "model-4x5-other");
        assertEquals(
                1,
                other.api()
                        .get("/api/v1/organization/methodology")
                        .expect(200)
                        .json()
                        .getInt("version"));
        other.api().get("/api/v1/organization/methodology?version=2").expectProblem(404, null);
        create(other.api(), risk("Five is fine here", "security", 5, 5));
    }

    @Test
    void residualAndTargetAreScoredFilteredSortedAndCounted() {
        Session admin = Tenants.signup(api, "model-scores");
        Session viewer = Tenants.addUser(admin, "VIEWER");
        long a = id(create(
                admin.api(),
                with(risk("Treated", "security", 5, 5), "residual", pairIn(3, 3), "target", pairIn(1, 2))));
        long b = id(create(admin.api(), with(risk("Untreated", "security", 4, 4), "residual", pairIn(4, 4))));
        JsonObject c =
                create(admin.api(), with(risk("Worse after controls", "security", 1, 2), "residual", pairIn(3, 2)));
        assertTrue(c.getBoolean("residual_above_inherent"));
        assertEquals(score(3, 2, 6, "MEDIUM"), pair(c.getJsonObject("residual")));

        JsonObject read = viewer.api().get("/api/v1/risks/" + a).expect(200).json();
        assertEquals(score(5, 5, 25, "CRITICAL"), pair(read.getJsonObject("inherent")));
        assertEquals(score(3, 3, 9, "MEDIUM"), pair(read.getJsonObject("residual")));
        assertEquals(score(1, 2, 2, "LOW"), pair(read.getJsonObject("target")));

        assertEquals(
                List.of(b),
                ids(viewer.api()
                        .get("/api/v1/risks?residual_level=high")
                        .expect(200)
                        .array()));
        assertEquals(
                List.of(a),
                ids(viewer.api()
                        .get("/api/v1/risks?target_level=LOW")
                        .expect(200)
                        .array()));
        assertEquals(
                List.of(a, b),
                ids(viewer.api()
                        .get("/api/v1/risks?inherent_level=CRITICAL,HIGH&sort=-inherent_level")
                        .expect(200)
                        .array()));
        assertEquals(
                List.of(b, a, id(c)),
                ids(viewer.api()
                        .get("/api/v1/risks?sort=-residual_level")
                        .expect(200)
                        .array()));
        assertEquals(
                List.of(a),
                ids(viewer.api()
                        .get("/api/v1/risks?sort=target_level&size=1")
                        .expect(200)
                        .array()));
        viewer.api().get("/api/v1/risks?residual_level=no-such!").expectProblem(400, "'residual_level'");
        viewer.api().get("/api/v1/risks/matrix?basis=sideways").expectProblem(400, "'basis'");

        JsonObject residual = viewer.api()
                .get("/api/v1/risks/matrix?basis=residual")
                .expect(200)
                .json();
        assertEquals("residual", residual.getString("basis"));
        assertEquals(Map.of("3x3", 1L, "4x4", 1L, "3x2", 1L), nonZero(residual));
        JsonObject target = viewer.api()
                .get("/api/v1/risks/matrix?basis=target")
                .expect(200)
                .json();
        assertEquals(Map.of("1x2", 1L), nonZero(target));

        // a PATCH of the residual alone keeps the rest; a PUT without residual makes it follow the inherent pair
        JsonObject patched = admin.api()
                .patch("/api/v1/risks/" + a, Map.of("version", 0, "residual", Map.of("impact", 2)))
                .expect(200)
                .json();
        assertEquals(score(3, 2, 6, "MEDIUM"), pair(patched.getJsonObject("residual")));
        assertEquals(score(1, 2, 2, "LOW"), pair(patched.getJsonObject("target")));
        JsonObject put = admin.api()
                .withHeader("If-Match", "\"1\"")
                .put("/api/v1/risks/" + a, risk("Treated", "security", 2, 2))
                .expect(200)
                .json();
        assertEquals(score(2, 2, 4, "LOW"), pair(put.getJsonObject("residual")));
        assertFalse(put.containsKey("target"), "PUT clears an omitted target");
        assertEquals(
                Map.of("2x2", 1L, "4x4", 1L, "3x2", 1L),
                nonZero(viewer.api()
                        .get("/api/v1/risks/matrix?basis=residual")
                        .expect(200)
                        .json()),
                "the matrix follows the writes");
    }

    @Test
    void anotherOrganizationCannotReadOrChangeTheMethodology() {
        Session owner = Tenants.signup(api, "model-tenant");
        owner.api().put("/api/v1/organization/methodology", fourByFive(null)).expect(200);
        Session intruder = Tenants.signup(api, "model-intruder");
        assertEquals(
                1,
                intruder.api()
                        .get("/api/v1/organization/methodology")
                        .expect(200)
                        .json()
                        .getInt("version"));
        intruder.api().get("/api/v1/organization/methodology?version=2").expectProblem(404, null);
        assertEquals(
                4,
                owner.api()
                        .get("/api/v1/organization/methodology")
                        .expect(200)
                        .json()
                        .getJsonArray("likelihood")
                        .size());
    }

    /**
     * A risk write that runs while a methodology change is in flight waits for it and is checked against the new
     * scales: the change holds the organization's row (as {@code MethodologyService.replace} does, simulated here over
     * JDBC with a 4 × 5 version stored while the node still caches version 1), the PATCH to likelihood 5 waits, and
     * once the change commits it is refused with 400 instead of storing a value the new scale removed.
     */
    @Test
    void aRiskWriteDuringAMethodologyChangeIsCheckedAgainstTheNewScales() throws Exception {
        Session admin = Tenants.signup(api, "model-race");
        Session template = Tenants.signup(api, "model-race-template");
        template.api().put("/api/v1/organization/methodology", fourByFive(null)).expect(200);
        JsonObject created = create(admin.api(), risk("Raced", "security", 3, 3));
        long id = id(created);
        assertEquals(
                1,
                admin.api()
                        .get("/api/v1/organization/methodology")
                        .expect(200)
                        .json()
                        .getInt("version"));
        CompletableFuture<ApiResponse> write;
        try (Connection c = RiskbaseEnvironment.get().postgres().dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("select id from organizations where id = ? for update")) {
                lock.setLong(1, admin.orgId());
                lock.executeQuery().close();
            }
            write = CompletableFuture.supplyAsync(() -> admin.api()
                    .patch(
                            "/api/v1/risks/" + id,
                            Map.of("likelihood", 5, "residual", pairIn(5, 3), "version", created.getInt("version"))));
            Thread.sleep(1500);
            assertFalse(write.isDone(), "the risk write waits for the methodology change in flight");
            try (PreparedStatement copy = c.prepareStatement("insert into methodologies (org_id, version, document,"
                    + " created_by, created_at) select ?, 2, document, null, now() from methodologies"
                    + " where org_id = ? and version = 2")) {
                copy.setLong(1, admin.orgId());
                copy.setLong(2, template.orgId());
                assertEquals(1, copy.executeUpdate());
            }
            c.commit();
        }
        write.get(60, TimeUnit.SECONDS).expectProblem(400, "likelihood");
        try (Connection c = RiskbaseEnvironment.get().postgres().dataSource().getConnection();
                PreparedStatement read = c.prepareStatement("select likelihood from risks where id = ?")) {
            read.setLong(1, id);
            try (ResultSet rs = read.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1), "no value the new scale removed was stored");
            }
        }
    }

    static Map<String, Object> pairIn(int likelihood, int impact) {
        return Map.of("likelihood", likelihood, "impact", impact);
    }

    static String score(int likelihood, int impact, int score, String level) {
        return likelihood + "x" + impact + "=" + score + " " + level;
    }

    static String pair(JsonObject s) {
        return s.getInt("likelihood") + "x" + s.getInt("impact") + "=" + s.getInt("score") + " " + s.getString("level");
    }

    /** 4 likelihood × 5 impact; likelihood 3-4 is HIGH whatever the impact, 2 × 4-5 MODERATE, the rest LOW. */
    static Map<String, Object> fourByFive(Map<String, Object> mapping) {
        List<List<String>> grid = new ArrayList<>();
        for (int l = 1; l <= 4; l++) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                row.add(l >= 3 ? "HIGH" : l == 2 && i >= 4 ? "MODERATE" : "LOW");
            }
            grid.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "likelihood",
                List.of(
                        Map.of("label", "Rare"),
                        Map.of("label", "Possible", "description", "once in ten years"),
                        Map.of("label", "Likely"),
                        Map.of("label", "Certain")));
        body.put(
                "impact",
                List.of(
                        Map.of("label", "Negligible"),
                        Map.of("label", "Minor"),
                        Map.of("label", "Moderate"),
                        Map.of("label", "Major"),
                        Map.of("label", "Severe")));
        body.put(
                "levels",
                List.of(
                        Map.of("key", "LOW", "label", "Low", "color", "#00aa00", "review_interval_days", 365),
                        Map.of("key", "MODERATE", "label", "Moderate", "review_interval_days", 120),
                        Map.of("key", "HIGH", "label", "High", "color", "#ff0000", "review_interval_days", 30)));
        body.put("grid", grid);
        body.put("appetite", "MODERATE");
        if (mapping != null) {
            body.put("mapping", mapping);
        }
        return body;
    }

    private static Map<String, Long> nonZero(JsonObject matrix) {
        Map<String, Long> cells = new java.util.HashMap<>();
        for (JsonObject cell : matrix.getJsonArray("cells").getValuesAs(JsonObject.class)) {
            if (cell.getJsonNumber("count").longValue() > 0) {
                cells.put(
                        cell.getInt("likelihood") + "x" + cell.getInt("impact"),
                        cell.getJsonNumber("count").longValue());
            }
        }
        return cells;
    }
}
