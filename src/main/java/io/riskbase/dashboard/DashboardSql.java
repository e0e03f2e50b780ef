package io.riskbase.dashboard;

import io.riskbase.platform.persistence.SqlQuery;
import io.riskbase.risk.Risk;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;

/**
 * The aggregate statements of the dashboard, each filtered on {@code org_id} first so that it runs on an index leading
 * with it: (org_id, severity, status), (org_id, created_at), (org_id, closed_at), (org_id, score). Built for
 * {@link DashboardRepository} only (tests EXPLAIN exactly these statements).
 */
final class DashboardSql {

    private DashboardSql() {}

    static SqlQuery countsBySeverityAndStatus(long orgId) {
        return new SqlQuery(
                "select r.severity, r.status, count(*) from risks r where r.org_id = :org group by "
                        + "r.severity, r.status",
                Map.of("org", orgId));
    }

    /** Risks not CLOSED per residual level. */
    static SqlQuery countsByResidualLevel(long orgId) {
        return new SqlQuery(
                "select r.residual_level, count(*) from risks r where r.org_id = :org and r.status <> 'CLOSED'"
                        + " group by r.residual_level",
                Map.of("org", orgId));
    }

    /** Risks due for review before the instant (closed risks have no next review). */
    static SqlQuery reviewsDueBefore(long orgId, OffsetDateTime now) {
        return new SqlQuery(
                "select count(*) from risks r where r.org_id = :org and r.next_review_at < :now",
                Map.of("org", orgId, "now", now));
    }

    /** Risks not CLOSED whose residual level is one of the given (those above the appetite). */
    static SqlQuery residualIn(long orgId, java.util.List<String> levels) {
        return new SqlQuery(
                "select count(*) from risks r where r.org_id = :org and r.residual_level in (:levels)"
                        + " and r.status <> 'CLOSED'",
                Map.of("org", orgId, "levels", levels));
    }

    /** Risks whose current acceptance is in the state and, when given, ends before the instant. */
    static SqlQuery acceptances(long orgId, String state, OffsetDateTime endsBefore) {
        return endsBefore == null
                ? new SqlQuery(
                        "select count(*) from risks r where r.org_id = :org and r.acceptance_state = :state",
                        Map.of("org", orgId, "state", state))
                : new SqlQuery(
                        "select count(*) from risks r where r.org_id = :org and r.acceptance_state = :state"
                                + " and r.accepted_until < :until",
                        Map.of("org", orgId, "state", state, "until", endsBefore));
    }

    /** Open treatment tasks (OPEN, IN_PROGRESS) due before the day. */
    static SqlQuery openTasksDueBefore(long orgId, java.time.LocalDate day) {
        return new SqlQuery(
                "select count(*) from risk_tasks t where t.org_id = :org and t.status in ('OPEN', 'IN_PROGRESS')"
                        + " and t.due_date < :day",
                Map.of("org", orgId, "day", day));
    }

    static SqlQuery openedSince(long orgId, OffsetDateTime since) {
        return new SqlQuery(
                "select count(*) from risks r where r.org_id = :org and r.created_at >= :since",
                Map.of("org", orgId, "since", since));
    }

    /** Risks closed since then, and their mean seconds from creation to closing. */
    static SqlQuery closedSince(long orgId, OffsetDateTime since) {
        return new SqlQuery(
                "select count(*), avg(extract(epoch from r.closed_at) - extract(epoch from r.created_at)) from risks r"
                        + " where r.org_id = :org and r.closed_at >= :since",
                Map.of("org", orgId, "since", since));
    }

    static SqlQuery topOpenByScore(long orgId, int limit) {
        return new SqlQuery(
                "select " + Risk.COLUMNS + " from risks r where r.org_id = :org and r.status <> 'CLOSED'"
                        + " order by r.score desc, r.id desc limit :limit",
                Map.of("org", orgId, "limit", limit));
    }

    /**
     * Risks created (or, with {@code column = closed_at}, closed) per local day in the zone since the given instant.
     * The day is computed in a derived table so the GROUP BY repeats no parameter.
     */
    static SqlQuery perDay(long orgId, String column, ZoneId zone, OffsetDateTime since) {
        if (!column.equals("created_at") && !column.equals("closed_at")) {
            throw new IllegalArgumentException(column);
        }
        return new SqlQuery(
                "select d.local_day, count(*) from (select cast(r." + column
                        + " at time zone :zone as date) as local_day from risks r" + " where r.org_id = :org and r."
                        + column + " >= :since) d group by d.local_day",
                Map.of("org", orgId, "zone", zone.getId(), "since", since));
    }
}
