package io.riskbase.dashboard;

import io.riskbase.platform.persistence.SqlQuery;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Test-only access to the statements {@link DashboardRepository} runs (built by the package-private
 * {@link DashboardSql}), so tests in other packages can run or EXPLAIN exactly those.
 */
public final class DashboardStatements {

    private DashboardStatements() {}

    public static SqlQuery countsBySeverityAndStatus(long orgId) {
        return DashboardSql.countsBySeverityAndStatus(orgId);
    }

    public static SqlQuery openedSince(long orgId, OffsetDateTime since) {
        return DashboardSql.openedSince(orgId, since);
    }

    public static SqlQuery closedSince(long orgId, OffsetDateTime since) {
        return DashboardSql.closedSince(orgId, since);
    }

    public static SqlQuery topOpenByScore(long orgId, int limit) {
        return DashboardSql.topOpenByScore(orgId, limit);
    }

    public static SqlQuery countsByResidualLevel(long orgId) {
        return DashboardSql.countsByResidualLevel(orgId);
    }

    public static SqlQuery reviewsDueBefore(long orgId, OffsetDateTime now) {
        return DashboardSql.reviewsDueBefore(orgId, now);
    }

    public static SqlQuery residualIn(long orgId, java.util.List<String> levels) {
        return DashboardSql.residualIn(orgId, levels);
    }

    public static SqlQuery openTasksDueBefore(long orgId, java.time.LocalDate day) {
        return DashboardSql.openTasksDueBefore(orgId, day);
    }

    public static SqlQuery acceptances(long orgId, String state, OffsetDateTime endsBefore) {
        return DashboardSql.acceptances(orgId, state, endsBefore);
    }

    public static SqlQuery perDay(long orgId, String column, ZoneId zone, OffsetDateTime since) {
        return DashboardSql.perDay(orgId, column, zone, since);
    }
}
