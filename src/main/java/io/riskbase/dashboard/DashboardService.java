package io.riskbase.dashboard;

import io.riskbase.dashboard.DashboardRepository.DayCount;
import io.riskbase.dashboard.DashboardRepository.ModelFigures;
import io.riskbase.dashboard.DashboardRepository.SeverityStatusCount;
import io.riskbase.dashboard.DashboardRepository.Stats;
import io.riskbase.dashboard.DashboardRepository.Timeline;
import io.riskbase.dashboard.DashboardViews.DayView;
import io.riskbase.dashboard.DashboardViews.StatsView;
import io.riskbase.dashboard.DashboardViews.TimelineView;
import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.risk.Methodology;
import io.riskbase.risk.MethodologyService;
import io.riskbase.risk.RiskStatus;
import io.riskbase.risk.RiskViews.RiskView;
import io.riskbase.risk.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Bulkhead;

/**
 * Dashboard figures of one organization. Results depend on (organization, arguments) and the current time: a cached
 * value is exact for the moment it was computed.
 */
@ApplicationScoped
public class DashboardService {

    public static final int TOP_RISKS = 5;
    /**
     * Concurrent dashboard recomputes (cache misses and refreshes) per method on this node; more are refused with 503.
     * Tunable as {@code io.riskbase.dashboard.DashboardService/stats/Bulkhead/value}.
     */
    static final int RECOMPUTE_CONCURRENCY = 8;

    public static final int MAX_DAYS = 365;

    @Inject
    DashboardRepository repository;

    @Inject
    MethodologyService methodologies;

    Clock clock = Clock.systemUTC();

    @Cached(DashboardCache.DASHBOARD)
    @Bulkhead(RECOMPUTE_CONCURRENCY)
    public StatsView stats(@TenantId long orgId, Period period) {
        OffsetDateTime since = OffsetDateTime.now(clock)
                .withOffsetSameInstant(ZoneOffset.UTC)
                .minusDays(period.days())
                .truncatedTo(ChronoUnit.SECONDS);
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.name(), 0L);
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (RiskStatus s : RiskStatus.values()) {
            byStatus.put(s.name(), 0L);
        }
        long total = 0;
        long open = 0;
        Stats stats = repository.stats(orgId, since, TOP_RISKS);
        for (SeverityStatusCount c : stats.counts()) {
            total += c.count();
            byStatus.merge(c.status().name(), c.count(), Long::sum);
            if (c.status() != RiskStatus.CLOSED) {
                open += c.count();
                bySeverity.merge(c.severity().name(), c.count(), Long::sum);
            }
        }
        Double meanHours =
                stats.meanSecondsToClose() == null ? null : Math.round(stats.meanSecondsToClose() / 3600.0 * 10) / 10.0;
        List<RiskView> top = stats.top().stream().map(RiskView::of).toList();
        Methodology methodology = methodologies.current(orgId).methodology();
        List<String> aboveAppetite = methodology.levels().stream()
                .skip(methodology.rank(methodology.appetite()))
                .map(Methodology.Level::key)
                .toList();
        ModelFigures model = repository.model(
                orgId,
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS),
                aboveAppetite);
        Map<String, Long> byLevel = new LinkedHashMap<>();
        methodology.levels().forEach(l -> byLevel.put(l.key(), 0L));
        byLevel.putAll(model.byResidualLevel());
        return new StatsView(
                period.label(),
                since,
                total,
                open,
                Collections.unmodifiableMap(bySeverity),
                Collections.unmodifiableMap(byStatus),
                stats.opened(),
                stats.closed(),
                meanHours,
                top,
                Collections.unmodifiableMap(byLevel),
                model.overdueReviews(),
                model.overdueTasks(),
                model.aboveAppetite(),
                methodology.appetite(),
                model.pendingAcceptances(),
                model.acceptancesExpiringSoon());
    }

    /** Opened and closed risks per day for the last {@code days} days (today included) in the given zone. */
    @Cached(DashboardCache.DASHBOARD)
    @Bulkhead(RECOMPUTE_CONCURRENCY)
    public TimelineView timeline(@TenantId long orgId, int days, ZoneId zone) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate from = today.minusDays(days - 1L);
        OffsetDateTime since = from.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        Timeline timeline = repository.timeline(orgId, zone, since);
        Map<LocalDate, Long> opened = perDay(timeline.opened());
        Map<LocalDate, Long> closed = perDay(timeline.closed());
        List<DayView> points = new ArrayList<>(days);
        for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
            points.add(new DayView(d, opened.getOrDefault(d, 0L), closed.getOrDefault(d, 0L)));
        }
        return new TimelineView(days, zone.getId(), from, today, List.copyOf(points));
    }

    private static Map<LocalDate, Long> perDay(List<DayCount> days) {
        Map<LocalDate, Long> counts = new HashMap<>();
        for (DayCount d : days) {
            counts.put(d.day(), d.count());
        }
        return counts;
    }
}
