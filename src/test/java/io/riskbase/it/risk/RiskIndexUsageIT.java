package io.riskbase.it.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.riskbase.dashboard.DashboardStatements;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.TestPostgres;
import io.riskbase.platform.persistence.DatabaseMigrator;
import io.riskbase.platform.persistence.SqlLiterals;
import io.riskbase.platform.persistence.SqlQuery;
import io.riskbase.risk.RiskFilter;
import io.riskbase.risk.RiskSort;
import io.riskbase.risk.RiskStatements;
import io.riskbase.risk.RiskStatus;
import io.riskbase.risk.ScoreBasis;
import io.riskbase.risk.Severity;
import io.riskbase.risk.generator.RiskDataGenerator;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a realistic PostgreSQL data set (20 organizations × 5,000 risks, loaded by the generator into a database of its
 * own so no other test sees it, then ANALYZEd), EXPLAIN of every tenant-filtered statement the application runs — list
 * with each filter and each sort, count, search, matrix, stats, timeline, task lists — shows no sequential scan over
 * the risks or risk_tasks tables.
 */
class RiskIndexUsageIT {

    private static final Logger LOG = Logger.getLogger(RiskIndexUsageIT.class.getName());
    private static final String DATABASE = "riskbase_explain";
    static Connection c;
    static long org;
    static long owner;

    @BeforeAll
    static void load() throws Exception {
        TestPostgres pg = RiskbaseEnvironment.get().postgres();
        try (Connection admin = pg.superuserDataSource().getConnection();
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + TestPostgres.USER);
        }
        c = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + DATABASE, TestPostgres.USER, TestPostgres.PASSWORD);
        DatabaseMigrator.migrate(c);
        RiskDataGenerator.Result result = new RiskDataGenerator(
                        new RiskDataGenerator.Options(20, 5_000, 5, 11, "explain", 1000), System.out)
                .generate(c);
        assertEquals(100_000, result.risks());
        LOG.info(String.format(
                "loaded %d risks in %d ms (%.0f rows/s)", result.risks(), result.millis(), result.risksPerSecond()));
        org = result.organizations().get(7).id();
        owner = result.organizations().get(7).userIds().get(1);
    }

    @AfterAll
    static void drop() throws Exception {
        if (c != null) {
            c.close();
            try (Connection admin = RiskbaseEnvironment.get()
                            .postgres()
                            .superuserDataSource()
                            .getConnection();
                    Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            }
        }
    }

    @Test
    void listCountAndSearchUseIndexesForEveryFilterAndSort() throws Exception {
        Map<String, RiskFilter> filters = new LinkedHashMap<>();
        filters.put("none", RiskFilter.NONE);
        filters.put("severity", new RiskFilter(List.of(Severity.CRITICAL), List.of(), null, null, null));
        filters.put(
                "severities", new RiskFilter(List.of(Severity.HIGH, Severity.CRITICAL), List.of(), null, null, null));
        filters.put("status", new RiskFilter(List.of(), List.of(RiskStatus.OPEN), null, null, null));
        filters.put("owner", new RiskFilter(List.of(), List.of(), owner, null, null));
        filters.put("category", new RiskFilter(List.of(), List.of(), null, "privacy", null));
        filters.put("q", new RiskFilter(List.of(), List.of(), null, null, "ransomware gateway"));
        filters.put("q-common", new RiskFilter(List.of(), List.of(), null, null, "risk"));
        filters.put(
                "all",
                new RiskFilter(
                        List.of(Severity.HIGH),
                        List.of(RiskStatus.OPEN, RiskStatus.MITIGATING),
                        owner,
                        "security",
                        "vpn"));
        filters.put("inherent_level", RiskFilter.NONE.withLevels("CRITICAL", null, null));
        filters.put("residual_level", RiskFilter.NONE.withLevels(null, "HIGH,CRITICAL", null));
        filters.put("target_level", RiskFilter.NONE.withLevels(null, null, "LOW"));
        filters.put("review overdue", RiskFilter.NONE.withReview("overdue", OffsetDateTime.now(ZoneOffset.UTC)));
        filters.put(
                "review due within",
                new RiskFilter(List.of(), List.of(RiskStatus.OPEN), null, null, null)
                        .withReview("due_within:P14D", OffsetDateTime.now(ZoneOffset.UTC)));
        filters.put(
                "residual_level+status",
                new RiskFilter(List.of(), List.of(RiskStatus.OPEN), null, null, null).withLevels(null, "HIGH", null));
        int checked = 0;
        for (Map.Entry<String, RiskFilter> f : filters.entrySet()) {
            assertNoSeqScan("count " + f.getKey(), RiskStatements.count(org, f.getValue(), true));
            for (RiskSort.Field field : RiskSort.Field.values()) {
                if (field == RiskSort.Field.RELEVANCE && f.getValue().text() == null) {
                    continue;
                }
                for (boolean descending : new boolean[] {false, true}) {
                    RiskSort sort =
                            field == RiskSort.Field.RELEVANCE ? RiskSort.RELEVANCE : new RiskSort(field, descending);
                    assertNoSeqScan(
                            "list " + f.getKey() + " " + sort,
                            RiskStatements.list(org, f.getValue(), sort, 0, 20, true));
                    checked++;
                }
            }
            assertNoSeqScan(
                    "deep page " + f.getKey(),
                    RiskStatements.list(org, f.getValue(), RiskSort.DEFAULT, 4_000, 100, true));
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    @Test
    void matrixStatsAndTimelineUseIndexes() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        assertNoSeqScan(
                "matrix",
                RiskStatements.matrix(org, List.of(RiskStatus.OPEN, RiskStatus.MITIGATING, RiskStatus.ACCEPTED)));
        assertNoSeqScan("matrix closed", RiskStatements.matrix(org, List.of(RiskStatus.CLOSED)));
        for (ScoreBasis basis : ScoreBasis.values()) {
            assertNoSeqScan(
                    "matrix " + basis,
                    RiskStatements.matrix(
                            org, List.of(RiskStatus.OPEN, RiskStatus.MITIGATING, RiskStatus.ACCEPTED), basis));
        }
        assertNoSeqScan("stats counts", DashboardStatements.countsBySeverityAndStatus(org));
        for (int days : new int[] {7, 30, 90}) {
            assertNoSeqScan("stats opened " + days, DashboardStatements.openedSince(org, now.minusDays(days)));
            assertNoSeqScan("stats closed " + days, DashboardStatements.closedSince(org, now.minusDays(days)));
        }
        assertNoSeqScan("stats top", DashboardStatements.topOpenByScore(org, 5));
        assertNoSeqScan("stats by residual level", DashboardStatements.countsByResidualLevel(org));
        assertNoSeqScan("stats overdue reviews", DashboardStatements.reviewsDueBefore(org, now));
        assertNoSeqScan("stats above appetite", DashboardStatements.residualIn(org, List.of("HIGH", "CRITICAL")));
        assertNoSeqScan("stats overdue tasks", DashboardStatements.openTasksDueBefore(org, now.toLocalDate()));
        assertNoSeqScan("stats pending acceptances", DashboardStatements.acceptances(org, "PENDING", null));
        assertNoSeqScan(
                "stats acceptances expiring", DashboardStatements.acceptances(org, "APPROVED", now.plusDays(30)));
        for (int days : new int[] {7, 30, 365}) {
            assertNoSeqScan(
                    "timeline opened " + days,
                    DashboardStatements.perDay(org, "created_at", ZoneId.of("Europe/Berlin"), now.minusDays(days)));
            assertNoSeqScan(
                    "timeline closed " + days,
                    DashboardStatements.perDay(org, "closed_at", ZoneId.of("Europe/Berlin"), now.minusDays(days)));
        }
    }

    /** The statements of TaskRepository as Hibernate renders its JPQL (tenant first, then the filters). */
    @Test
    void taskQueriesUseIndexes() throws Exception {
        long tasks = count("select count(*) from risk_tasks where org_id = " + org);
        assertTrue(tasks > 1000, "the generator gave organization " + org + " " + tasks + " tasks");
        long risk = count("select min(risk_id) from risk_tasks where org_id = " + org);
        String select =
                "select t.id, t.risk_id, t.title, t.status, t.due_date from risk_tasks t where t.org_id = " + org;
        String order = " order by t.due_date asc nulls last, t.id asc limit 20";
        String open = " and t.status in ('OPEN', 'IN_PROGRESS')";
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put("plan of a risk", select + " and t.risk_id = " + risk + " order by t.id limit 20");
        statements.put(
                "count plan", "select count(*) from risk_tasks t where t.org_id = " + org + " and t.risk_id = " + risk);
        statements.put("my open work", select + " and t.owner_id = " + owner + open + order);
        statements.put(
                "my open work due",
                select + " and t.owner_id = " + owner + open + " and t.due_date < date '2026-01-01'" + order);
        statements.put("everyone's overdue", select + open + " and t.due_date < date '2026-01-01'" + order);
        statements.put(
                "count my open work",
                "select count(*) from risk_tasks t where t.org_id = " + org + " and t.owner_id = " + owner + open);
        for (Map.Entry<String, String> s : statements.entrySet()) {
            assertNoSeqScan(s.getKey(), new SqlQuery(s.getValue(), Map.of()));
        }
    }

    private static long count(String sql) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void assertNoSeqScan(String what, SqlQuery query) throws Exception {
        String sql = SqlLiterals.inline(query);
        JsonArray plan;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) " + sql)) {
            rs.next();
            try (JsonReader reader = Json.createReader(new StringReader(rs.getString(1)))) {
                plan = reader.readArray();
            }
        }
        List<String> seqScans = new ArrayList<>();
        collectSeqScans(plan.getJsonObject(0).getJsonObject("Plan"), seqScans);
        if (!seqScans.isEmpty()) {
            fail(what + ": sequential scan on " + seqScans + "\n" + sql + "\n" + plan);
        }
    }

    private static void collectSeqScans(JsonObject node, List<String> found) {
        if (node.getString("Node Type", "").equals("Seq Scan")
                && List.of("risks", "risk_tasks").contains(node.getString("Relation Name", ""))) {
            found.add(node.getString("Relation Name"));
        }
        JsonValue children = node.get("Plans");
        if (children instanceof JsonArray array) {
            for (JsonObject child : array.getValuesAs(JsonObject.class)) {
                collectSeqScans(child, found);
            }
        }
    }
}
