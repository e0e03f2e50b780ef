package io.riskbase.it.risk;

import static io.riskbase.it.risk.RiskFixtures.create;
import static io.riskbase.it.risk.RiskFixtures.id;
import static io.riskbase.it.risk.RiskFixtures.ids;
import static io.riskbase.it.risk.RiskFixtures.risk;
import static io.riskbase.it.risk.RiskFixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lists, search, matrix, stats and timeline over HTTP on PostgreSQL against a fixed data set of eight risks in a fresh
 * organization, with the expected numbers worked out by hand in the comments.
 */
class RiskQueryIT {

    static Api api;
    static Session admin;
    static Session analyst;
    static Session viewer;
    /** r[1] … r[8]: ids of the fixed risks (r[0] unused). */
    static long[] r = new long[9];

    @BeforeAll
    static void load() {
        api = RiskbaseEnvironment.get().api();
        admin = Tenants.signup(api, "riskquery");
        analyst = Tenants.addUser(admin, "ANALYST");
        viewer = Tenants.addUser(admin, "VIEWER");
        // risk #4 is written ACCEPTED directly, as organizations that existed before maker-checker acceptance still
        // may (new ones need another user's approval: AcceptanceIT)
        JsonObject settings =
                admin.api().get("/api/v1/organization/settings").expect(200).json();
        admin.api()
                .put(
                        "/api/v1/organization/settings",
                        jakarta.json.Json.createObjectBuilder(settings)
                                .add("acceptance_approval", false)
                                .build()
                                .toString())
                .expect(200);
        long a = analyst.userId();
        long d = admin.userId();
        Api w = admin.api();
        //   #  title                                   category     L I score severity         status      owner    due
        r[1] = id(create(
                w,
                with(
                        risk("Ransomware on file servers", "security", 5, 5),
                        "description",
                        "Encrypted shares would stop payroll",
                        "owner_id",
                        a,
                        "due_date",
                        "2030-01-10"))); // 25 CRITICAL OPEN analyst
        r[2] = id(create(
                w,
                with(
                        risk("Vendor outage at payment provider", "vendor", 3, 4),
                        "description",
                        "Card payments fail during peak",
                        "status",
                        "MITIGATING",
                        "owner_id",
                        d,
                        "due_date",
                        "2030-02-01"))); // 12 HIGH MITIGATING admin
        r[3] = id(create(
                w,
                with(
                        risk("GDPR fine for missing consent", "compliance", 2, 5),
                        "description",
                        "Marketing emails without consent records",
                        "owner_id",
                        a))); // 10 HIGH OPEN analyst
        r[4] = id(create(
                w,
                with(
                        risk("Laptop theft", "security", 3, 2),
                        "description",
                        "Unencrypted laptops in the field sales team",
                        "status",
                        "ACCEPTED",
                        "due_date",
                        "2030-01-05"))); // 6 MEDIUM ACCEPTED -
        r[5] = id(create(
                w,
                with(
                        risk("Key person dependency in payroll", "operational", 4, 2),
                        "description",
                        "Only one engineer knows the payroll system",
                        "status",
                        "CLOSED",
                        "owner_id",
                        d))); // 8 MEDIUM CLOSED admin
        r[6] = id(create(
                w,
                with(
                        risk("Expired TLS certificate", "technology", 2, 2),
                        "description",
                        "Certificate of the customer portal expires",
                        "status",
                        "CLOSED",
                        "owner_id",
                        a))); // 4 LOW CLOSED analyst
        r[7] = id(create(
                w,
                with(
                        risk("Phishing campaign against finance", "security", 4, 3),
                        "description",
                        "Finance team receives targeted phishing emails",
                        "severity",
                        "CRITICAL",
                        "owner_id",
                        a))); // 12 CRITICAL(explicit) OPEN analyst
        r[8] = id(create(
                w,
                with(
                        risk("Currency exposure", "financial", 1, 3),
                        "description",
                        "USD invoices create exchange rate risk"))); // 3 LOW OPEN -
    }

    private static List<Long> list(Session who, String query) {
        return ids(who.api().get("/api/v1/risks?size=100&" + query).expect(200).array());
    }

    private static Set<Long> set(int... numbers) {
        Set<Long> ids = new HashSet<>();
        for (int n : numbers) {
            ids.add(r[n]);
        }
        return ids;
    }

    private static List<Long> order(int... numbers) {
        return java.util.Arrays.stream(numbers).mapToObj(n -> r[n]).toList();
    }

    @Test
    void eachFilterSelectsTheExpectedRisks() {
        assertEquals(order(8, 7, 6, 5, 4, 3, 2, 1), list(viewer, ""), "default: newest first");
        assertEquals(set(1, 7), new HashSet<>(list(viewer, "severity=CRITICAL")));
        assertEquals(set(1, 2, 3, 7), new HashSet<>(list(viewer, "severity=high,critical")));
        assertEquals(set(1, 3, 7, 8), new HashSet<>(list(viewer, "status=OPEN")));
        assertEquals(set(4, 5, 6), new HashSet<>(list(viewer, "status=CLOSED,ACCEPTED")));
        assertEquals(set(1, 3, 6, 7), new HashSet<>(list(viewer, "owner=" + analyst.userId())));
        assertEquals(set(1, 3, 6, 7), new HashSet<>(list(analyst, "owner=me")));
        assertEquals(set(), new HashSet<>(list(viewer, "owner=me")));
        assertEquals(set(1, 4, 7), new HashSet<>(list(viewer, "category=security")));
        assertEquals(set(), new HashSet<>(list(viewer, "category=astrology")));
        assertEquals(set(1, 5), new HashSet<>(list(viewer, "q=payroll")));
        assertEquals(set(7), new HashSet<>(list(viewer, "q=phishing%20finance")));
        assertEquals(
                set(1, 7), new HashSet<>(list(analyst, "severity=CRITICAL&status=OPEN&category=security&owner=me&q=")));
        assertEquals(
                set(7),
                new HashSet<>(list(analyst, "severity=CRITICAL&status=OPEN&category=security&owner=me&q=phishing")));
        assertEquals(
                "4",
                viewer.api()
                        .get("/api/v1/risks?severity=high,critical")
                        .expect(200)
                        .header("X-Total-Count"));
    }

    @Test
    void eachSortOrdersAsSpecifiedWithIdTieBreak() {
        assertEquals(order(8, 6, 4, 5, 3, 2, 7, 1), list(viewer, "sort=score"));
        assertEquals(order(1, 7, 2, 3, 5, 4, 6, 8), list(viewer, "sort=-score"));
        assertEquals(order(1, 2, 3, 4, 5, 6, 7, 8), list(viewer, "sort=created_at"));
        assertEquals(order(8, 7, 6, 5, 4, 3, 2, 1), list(viewer, "sort=-created_at"));
        assertEquals(order(8, 6, 3, 5, 4, 7, 1, 2), list(viewer, "sort=title"));
        assertEquals(order(4, 1, 2, 3, 5, 6, 7, 8), list(viewer, "sort=due_date"), "no due date sorts last");
        assertEquals(order(8, 7, 6, 5, 3, 2, 1, 4), list(viewer, "sort=-due_date"));
        assertEquals(order(6, 8, 4, 5, 2, 3, 1, 7), list(viewer, "sort=severity"));
        assertEquals(order(8, 3, 6, 2, 4, 5, 7, 1), list(viewer, "sort=likelihood"));
        assertEquals(
                order(5, 3, 1, 7, 2, 4, 6, 8).size(),
                list(viewer, "sort=-updated_at").size());
        assertEquals(order(5, 1), list(viewer, "q=payroll&sort=relevance"), "payroll twice in #5, once in #1");
    }

    @Test
    void paginationEdges() {
        ApiResponse first =
                viewer.api().get("/api/v1/risks?size=3&sort=created_at").expect(200);
        assertEquals("8", first.header("X-Total-Count"));
        assertEquals(order(1, 2, 3), ids(first.array()));
        assertEquals(
                order(4, 5, 6),
                ids(viewer.api()
                        .get("/api/v1/risks?size=3&page=2&sort=created_at")
                        .expect(200)
                        .array()));
        ApiResponse last =
                viewer.api().get("/api/v1/risks?size=3&page=3&sort=created_at").expect(200);
        assertEquals(order(7, 8), ids(last.array()));
        assertEquals("8", last.header("X-Total-Count"));
        ApiResponse beyond = viewer.api().get("/api/v1/risks?size=3&page=4").expect(200);
        assertEquals(0, beyond.array().size());
        assertEquals("8", beyond.header("X-Total-Count"));
        assertEquals(
                8,
                viewer.api().get("/api/v1/risks?size=100").expect(200).array().size());
        assertEquals(8, viewer.api().get("/api/v1/risks").expect(200).array().size(), "default size 20");
        assertEquals(
                1,
                viewer.api()
                        .get("/api/v1/risks?size=1&page=8")
                        .expect(200)
                        .array()
                        .size());
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        String[][] cases = {
            {"severity=HUGE", "severity"},
            {"severity=HIGH,,LOW", "severity"},
            {"status=DONE", "status"},
            {"owner=bob", "owner"},
            {"owner=-3", "owner"},
            {"category=Bad%20Category", "category"},
            {"sort=owner_id", "sort"},
            {"sort=-", "sort"},
            {"sort=relevance", "sort"},
            {"sort=score,title", "sort"},
            {"page=0", "page"},
            {"page=abc", "page"},
            {"page=100001", "page"},
            {"size=0", "size"},
            {"size=101", "size"},
            {"size=1.5", "size"},
            {"q=" + "x".repeat(201), "q"},
            {"q=%21%21%21", "q"},
        };
        for (String[] c : cases) {
            viewer.api().get("/api/v1/risks?" + c[0]).expectProblem(400, "'" + c[1] + "'");
        }
        viewer.api().get("/api/v1/risks/search").expectProblem(400, "'q'");
        viewer.api().get("/api/v1/risks/search?q=%20").expectProblem(400, "'q'");
        viewer.api().get("/api/v1/risks/search?q=payroll&size=500").expectProblem(400, "'size'");
        viewer.api().get("/api/v1/risks/search?q=payroll&sort=nope").expectProblem(400, "'sort'");
        viewer.api().get("/api/v1/risks/matrix?status=SOLVED").expectProblem(400, "'status'");
        viewer.api().get("/api/v1/risks/" + r[1] + "/history?size=0").expectProblem(400, "'size'");
        viewer.api().get("/api/v1/dashboard/stats?period=1y").expectProblem(400, "'period'");
        viewer.api().get("/api/v1/dashboard/timeline?days=0").expectProblem(400, "'days'");
        viewer.api().get("/api/v1/dashboard/timeline?days=366").expectProblem(400, "'days'");
        viewer.api().get("/api/v1/dashboard/timeline?days=week").expectProblem(400, "'days'");
    }

    @Test
    void searchFindsWordsInTitleAndDescription() {
        ApiResponse found = viewer.api().get("/api/v1/risks/search?q=payroll").expect(200);
        assertEquals("2", found.header("X-Total-Count"));
        assertEquals(order(5, 1), ids(found.array()), "relevance: #5 mentions payroll twice");
        assertEquals(
                order(1, 5),
                ids(viewer.api()
                        .get("/api/v1/risks/search?q=payroll&sort=created_at")
                        .expect(200)
                        .array()));
        assertEquals(
                order(3),
                ids(viewer.api()
                        .get("/api/v1/risks/search?q=CONSENT%20marketing")
                        .expect(200)
                        .array()));
        assertEquals(
                order(2),
                ids(viewer.api().get("/api/v1/risks/search?q=peak").expect(200).array()),
                "description only");
        assertEquals(
                0,
                viewer.api()
                        .get("/api/v1/risks/search?q=payroll%20zebra")
                        .expect(200)
                        .array()
                        .size(),
                "all words must match");
        ApiResponse paged =
                viewer.api().get("/api/v1/risks/search?q=payroll&size=1&page=2").expect(200);
        assertEquals(order(1), ids(paged.array()));
        assertEquals("2", paged.header("X-Total-Count"));
    }

    @Test
    void matrixCountsLikelihoodTimesImpact() {
        JsonObject matrix = viewer.api().get("/api/v1/risks/matrix").expect(200).json();
        // not CLOSED: #1 (5,5) #2 (3,4) #3 (2,5) #4 (3,2) #7 (4,3) #8 (1,3)
        assertEquals(6, matrix.getInt("total"));
        assertEquals(Map.of("5x5", 1L, "3x4", 1L, "2x5", 1L, "3x2", 1L, "4x3", 1L, "1x3", 1L), nonZero(matrix));
        assertEquals(25, matrix.getJsonArray("cells").size());
        JsonObject closed = viewer.api()
                .get("/api/v1/risks/matrix?status=CLOSED")
                .expect(200)
                .json();
        assertEquals(Map.of("4x2", 1L, "2x2", 1L), nonZero(closed));
        assertEquals(
                8,
                viewer.api()
                        .get("/api/v1/risks/matrix?status=OPEN,MITIGATING,ACCEPTED,CLOSED")
                        .expect(200)
                        .json()
                        .getInt("total"));
    }

    @Test
    void statsMatchTheHandComputedNumbers() {
        JsonObject stats = viewer.api()
                .get("/api/v1/dashboard/stats?period=7d")
                .expect(200)
                .json();
        assertEquals("7d", stats.getString("period"));
        assertEquals(8, stats.getInt("total"));
        assertEquals(6, stats.getInt("open"));
        assertEquals(Map.of("LOW", 1, "MEDIUM", 1, "HIGH", 2, "CRITICAL", 2), ints(stats.getJsonObject("by_severity")));
        assertEquals(
                Map.of("OPEN", 4, "MITIGATING", 1, "ACCEPTED", 1, "CLOSED", 2), ints(stats.getJsonObject("by_status")));
        assertEquals(8, stats.getInt("opened_in_period"));
        assertEquals(2, stats.getInt("closed_in_period"));
        assertEquals(0.0, stats.getJsonNumber("mean_time_to_close_hours").doubleValue(), 0.1, "closed at creation");
        assertEquals(
                order(1, 7, 2, 3, 4),
                ids(stats.getJsonArray("top_risks")),
                "score desc, newest id first on ties, CLOSED excluded");
        assertEquals(
                "30d",
                viewer.api().get("/api/v1/dashboard/stats").expect(200).json().getString("period"));
        assertEquals(
                8,
                viewer.api()
                        .get("/api/v1/dashboard/stats?period=90d")
                        .expect(200)
                        .json()
                        .getInt("opened_in_period"));
    }

    @Test
    void timelineHasOnePointPerDayEndingToday() {
        JsonObject timeline = viewer.api()
                .get("/api/v1/dashboard/timeline?days=7")
                .expect(200)
                .json();
        assertEquals("UTC", timeline.getString("timezone"));
        List<JsonObject> points = timeline.getJsonArray("points").getValuesAs(JsonObject.class);
        assertEquals(7, points.size());
        LocalDate today = LocalDate.parse(timeline.getString("to"));
        assertTrue(Math.abs(today.toEpochDay() - LocalDate.now(ZoneOffset.UTC).toEpochDay()) <= 1);
        assertEquals(today.toString(), points.get(6).getString("date"));
        assertEquals(today.minusDays(6).toString(), points.get(0).getString("date"));
        assertEquals(8, points.stream().mapToInt(p -> p.getInt("opened")).sum());
        assertEquals(2, points.stream().mapToInt(p -> p.getInt("closed")).sum());
        assertEquals(
                8,
                points.get(6).getInt("opened") + points.get(5).getInt("opened"),
                "all created within the last minutes");
        assertEquals(
                30,
                viewer.api()
                        .get("/api/v1/dashboard/timeline")
                        .expect(200)
                        .json()
                        .getJsonArray("points")
                        .size());
        assertEquals(
                365,
                viewer.api()
                        .get("/api/v1/dashboard/timeline?days=365")
                        .expect(200)
                        .json()
                        .getJsonArray("points")
                        .size());
    }

    private static Map<String, Long> nonZero(JsonObject matrix) {
        Map<String, Long> cells = new java.util.HashMap<>();
        for (JsonObject cell : matrix.getJsonArray("cells").getValuesAs(JsonObject.class)) {
            assertEquals(cell.getInt("likelihood") * cell.getInt("impact"), cell.getInt("score"));
            if (cell.getInt("count") > 0) {
                cells.put(
                        cell.getInt("likelihood") + "x" + cell.getInt("impact"),
                        cell.getJsonNumber("count").longValue());
            }
        }
        return cells;
    }

    private static Map<String, Integer> ints(JsonObject object) {
        Map<String, Integer> map = new java.util.HashMap<>();
        object.forEach((k, v) -> map.put(k, ((jakarta.json.JsonNumber) v).intValue()));
        return map;
    }
}
