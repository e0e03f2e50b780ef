package io.riskbase.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.dashboard.DashboardStatements;
import io.riskbase.platform.persistence.DatabaseMigrator;
import io.riskbase.platform.persistence.SqlLiterals;
import io.riskbase.platform.persistence.SqlQuery;
import io.riskbase.risk.generator.RiskDataGenerator;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statements of the risk list, search, matrix and dashboard run on the embedded database (H2 in PostgreSQL mode)
 * and agree with counts recomputed from the raw rows; the data comes from the generator's batched-insert path.
 */
class RiskQueriesOnH2Test {

    static Connection c;
    static long org;
    static long otherOrg;
    static long owner;

    @BeforeAll
    static void load() throws Exception {
        c = DriverManager.getConnection(
                "jdbc:h2:mem:riskqueries;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        DatabaseMigrator.migrate(c);
        var result = new RiskDataGenerator(
                        new RiskDataGenerator.Options(3, 400, 4, 7, "h2test", 1000),
                        new PrintStream(OutputStream.nullOutputStream()))
                .generate(c);
        assertEquals(1200, result.risks());
        org = result.organizations().get(1).id();
        otherOrg = result.organizations().get(0).id();
        owner = result.organizations().get(1).userIds().get(0);
    }

    @AfterAll
    static void close() throws Exception {
        c.close();
    }

    @Test
    void everyFilterAndSortRunsAndCountsMatchTheRows() throws Exception {
        assertEquals(400, count(RiskSql.count(org, RiskFilter.NONE, false)));
        List<RiskFilter> filters = List.of(
                new RiskFilter(List.of(Severity.HIGH, Severity.CRITICAL), List.of(), null, null, null),
                new RiskFilter(List.of(), List.of(RiskStatus.OPEN), null, null, null),
                new RiskFilter(List.of(), List.of(), owner, null, null),
                new RiskFilter(List.of(), List.of(), null, "security", null),
                new RiskFilter(List.of(), List.of(), null, null, "vpn gateway"),
                new RiskFilter(
                        List.of(Severity.LOW), List.of(RiskStatus.OPEN, RiskStatus.CLOSED), owner, "security", "in"));
        for (RiskFilter f : filters) {
            long expected = scalar("select count(*) from risks r where r.org_id = " + org + javaSideCondition(f));
            assertEquals(expected, count(RiskSql.count(org, f, false)), f.toString());
            for (RiskSort.Field field : RiskSort.Field.values()) {
                for (boolean desc : new boolean[] {false, true}) {
                    RiskSort sort = field == RiskSort.Field.RELEVANCE ? RiskSort.RELEVANCE : new RiskSort(field, desc);
                    List<Long> ids = ids(RiskSql.list(org, f, sort, 0, 500, false));
                    assertEquals(expected, ids.size(), f + " " + sort);
                }
            }
        }
    }

    @Test
    void scoreSortIsOrderedAndPagesDoNotOverlap() throws Exception {
        RiskSort sort = new RiskSort(RiskSort.Field.SCORE, true);
        List<Long> all = ids(RiskSql.list(org, RiskFilter.NONE, sort, 0, 400, false));
        List<Long> paged = new ArrayList<>();
        for (int offset = 0; offset < 400; offset += 37) {
            paged.addAll(ids(RiskSql.list(org, RiskFilter.NONE, sort, offset, 37, false)));
        }
        assertEquals(all, paged);
        int previous = Integer.MAX_VALUE;
        for (long id : all) {
            int score = (int) scalar("select score from risks where id = " + id);
            assertTrue(score <= previous);
            previous = score;
        }
    }

    @Test
    void matrixAndDashboardAggregatesAgreeWithTheRows() throws Exception {
        long notClosed = scalar("select count(*) from risks where org_id = " + org + " and status <> 'CLOSED'");
        long matrixTotal = 0;
        for (Object[] row :
                rows(RiskSql.matrix(org, List.of(RiskStatus.OPEN, RiskStatus.MITIGATING, RiskStatus.ACCEPTED)))) {
            matrixTotal += ((Number) row[2]).longValue();
        }
        assertEquals(notClosed, matrixTotal);

        long grouped = 0;
        for (Object[] row : rows(DashboardStatements.countsBySeverityAndStatus(org))) {
            grouped += ((Number) row[2]).longValue();
        }
        assertEquals(400, grouped);

        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusDays(30);
        String s = "TIMESTAMP WITH TIME ZONE '" + since + "'";
        assertEquals(
                scalar("select count(*) from risks where org_id = " + org + " and created_at >= " + s),
                ((Number) rows(DashboardStatements.openedSince(org, since)).get(0)[0]).longValue());
        Object[] closed = rows(DashboardStatements.closedSince(org, since)).get(0);
        assertEquals(
                scalar("select count(*) from risks where org_id = " + org + " and closed_at >= " + s),
                ((Number) closed[0]).longValue());
        if (((Number) closed[0]).longValue() > 0) {
            assertTrue(((Number) closed[1]).doubleValue() >= 0);
        }
        assertEquals(5, rows(DashboardStatements.topOpenByScore(org, 5)).size());

        long perDay = 0;
        for (Object[] row : rows(DashboardStatements.perDay(org, "created_at", ZoneId.of("Europe/Berlin"), since))) {
            perDay += ((Number) row[1]).longValue();
        }
        assertEquals(scalar("select count(*) from risks where org_id = " + org + " and created_at >= " + s), perDay);
        rows(DashboardStatements.perDay(org, "closed_at", ZoneId.of("America/New_York"), since));
    }

    @Test
    void anotherOrganizationsRisksNeverAppear() throws Exception {
        for (Long id : ids(RiskSql.list(org, RiskFilter.NONE, RiskSort.DEFAULT, 0, 500, false))) {
            assertEquals(org, scalar("select org_id from risks where id = " + id));
        }
        assertEquals(400, count(RiskSql.count(otherOrg, RiskFilter.NONE, false)));
    }

    private static String javaSideCondition(RiskFilter f) {
        StringBuilder sql = new StringBuilder();
        if (!f.severities().isEmpty()) {
            sql.append(" and severity in (")
                    .append(String.join(
                            ",", f.severities().stream().map(s -> "'" + s + "'").toList()))
                    .append(")");
        }
        if (!f.statuses().isEmpty()) {
            sql.append(" and status in (")
                    .append(String.join(
                            ",", f.statuses().stream().map(s -> "'" + s + "'").toList()))
                    .append(")");
        }
        if (f.ownerId() != null) {
            sql.append(" and owner_id = ").append(f.ownerId());
        }
        if (f.category() != null) {
            sql.append(" and category = '").append(f.category()).append("'");
        }
        for (String w : f.words()) {
            sql.append(" and (lower(title) like '%")
                    .append(w)
                    .append("%' or lower(description) like '%")
                    .append(w)
                    .append("%')");
        }
        return sql.toString();
    }

    private static long count(SqlQuery q) throws Exception {
        return scalar(SqlLiterals.inline(q));
    }

    private static List<Long> ids(SqlQuery q) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (Object[] row : rows(q)) {
            ids.add(((Number) row[0]).longValue());
        }
        return ids;
    }

    private static List<Object[]> rows(SqlQuery q) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(SqlLiterals.inline(q))) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static long scalar(String sql) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
