package io.riskbase.dashboard;

import io.riskbase.platform.persistence.SqlQuery;
import io.riskbase.platform.timing.DbTimed;
import io.riskbase.risk.Risk;
import io.riskbase.risk.RiskStatus;
import io.riskbase.risk.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** The dashboard's aggregates over one organization's risks; every statement filters on {@code org_id}. */
@DbTimed
@ApplicationScoped
public class DashboardRepository {

    /** The number of risks of one severity in one status. */
    public record SeverityStatusCount(Severity severity, RiskStatus status, long count) {}

    /**
     * The figures of a rolling window starting at {@code since}.
     *
     * @param counts all risks per (severity, status); combinations without risks have no entry
     * @param opened risks created since then
     * @param closed risks closed since then
     * @param meanSecondsToClose their mean seconds from creation to closing (null when none closed)
     * @param top the highest-scored risks that are not CLOSED (ties: newest id first)
     */
    public record Stats(
            List<SeverityStatusCount> counts, long opened, long closed, Double meanSecondsToClose, List<Risk> top) {}

    /** The number of risks created (or closed) on one local day. */
    public record DayCount(LocalDate day, long count) {}

    /** Risks created and closed per local day; days without any have no entry. */
    public record Timeline(List<DayCount> opened, List<DayCount> closed) {}

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    public Stats stats(long orgId, OffsetDateTime since, int top) {
        List<SeverityStatusCount> counts = rows(DashboardSql.countsBySeverityAndStatus(orgId)).stream()
                .map(row -> new SeverityStatusCount(
                        Severity.valueOf((String) row[0]),
                        RiskStatus.valueOf((String) row[1]),
                        ((Number) row[2]).longValue()))
                .toList();
        long opened = ((Number) row(DashboardSql.openedSince(orgId, since))[0]).longValue();
        Object[] closed = row(DashboardSql.closedSince(orgId, since));
        Double meanSeconds = closed[1] == null ? null : ((Number) closed[1]).doubleValue();
        SqlQuery topQuery = DashboardSql.topOpenByScore(orgId, top);
        @SuppressWarnings("unchecked")
        List<Risk> topRisks =
                topQuery.bind(em.createNativeQuery(topQuery.sql(), Risk.class)).getResultList();
        return new Stats(counts, opened, ((Number) closed[0]).longValue(), meanSeconds, topRisks);
    }

    /**
     * The risk-model figures at an instant.
     *
     * @param byResidualLevel risks not CLOSED per residual level (levels without risks have no entry)
     * @param overdueReviews risks whose next review is before now
     * @param overdueTasks open tasks due before today
     * @param aboveAppetite risks not CLOSED whose residual level is above the appetite
     * @param pendingAcceptances risks with an acceptance request waiting for a decision
     * @param acceptancesExpiringSoon risks accepted through an approval that ends within 30 days
     */
    public record ModelFigures(
            Map<String, Long> byResidualLevel,
            long overdueReviews,
            long overdueTasks,
            long aboveAppetite,
            long pendingAcceptances,
            long acceptancesExpiringSoon) {}

    static final int EXPIRING_WITHIN_DAYS = 30;

    public ModelFigures model(long orgId, OffsetDateTime now, List<String> levelsAboveAppetite) {
        Map<String, Long> byLevel = new java.util.LinkedHashMap<>();
        for (Object[] row : rows(DashboardSql.countsByResidualLevel(orgId))) {
            byLevel.put((String) row[0], ((Number) row[1]).longValue());
        }
        long reviews = count(DashboardSql.reviewsDueBefore(orgId, now));
        long tasks = count(DashboardSql.openTasksDueBefore(orgId, now.toLocalDate()));
        long above = levelsAboveAppetite.isEmpty() ? 0 : count(DashboardSql.residualIn(orgId, levelsAboveAppetite));
        long pending = count(DashboardSql.acceptances(orgId, "PENDING", null));
        long expiring = count(DashboardSql.acceptances(orgId, "APPROVED", now.plusDays(EXPIRING_WITHIN_DAYS)));
        return new ModelFigures(byLevel, reviews, tasks, above, pending, expiring);
    }

    private long count(SqlQuery query) {
        return ((Number) row(query)[0]).longValue();
    }

    /** Per local day in the zone since the given instant. */
    public Timeline timeline(long orgId, ZoneId zone, OffsetDateTime since) {
        return new Timeline(
                perDay(DashboardSql.perDay(orgId, "created_at", zone, since)),
                perDay(DashboardSql.perDay(orgId, "closed_at", zone, since)));
    }

    private List<DayCount> perDay(SqlQuery query) {
        return rows(query).stream()
                .map(row -> new DayCount(toDate(row[0]), ((Number) row[1]).longValue()))
                .toList();
    }

    private static LocalDate toDate(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(value.toString().substring(0, 10));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(SqlQuery query) {
        return query.bind(em.createNativeQuery(query.sql())).getResultList();
    }

    private Object[] row(SqlQuery query) {
        Object result = query.bind(em.createNativeQuery(query.sql())).getSingleResult();
        return result instanceof Object[] row ? row : new Object[] {result};
    }
}
