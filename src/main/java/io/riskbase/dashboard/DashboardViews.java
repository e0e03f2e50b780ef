package io.riskbase.dashboard;

import io.riskbase.risk.RiskViews.RiskView;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON shapes of the dashboard: immutable, so a cache may hold them. */
public final class DashboardViews {

    private DashboardViews() {}

    @Schema(name = "DashboardStats")
    @JsonbPropertyOrder({
        "period",
        "since",
        "total",
        "open",
        "bySeverity",
        "byStatus",
        "openedInPeriod",
        "closedInPeriod",
        "meanTimeToCloseHours",
        "topRisks"
    })
    public record StatsView(
            @Schema(enumeration = {"7d", "30d", "90d"}) String period,

            @Schema(description = "start of the rolling window")
            OffsetDateTime since,

            @Schema(description = "all risks of the organization")
            long total,

            @Schema(description = "risks not CLOSED") long open,

            @Schema(description = "risks not CLOSED per severity (every severity present, 0 when none)")
            @JsonbProperty("by_severity")
            Map<String, Long> bySeverity,

            @Schema(description = "all risks per status (every status present)") @JsonbProperty("by_status")
            Map<String, Long> byStatus,

            @Schema(description = "risks created in the window") @JsonbProperty("opened_in_period")
            long openedInPeriod,

            @Schema(description = "risks closed in the window") @JsonbProperty("closed_in_period")
            long closedInPeriod,

            @Schema(
                    description = "mean hours from creation to closing of the risks closed in the window; null "
                            + "when none closed",
                    nullable = true)
            @JsonbProperty("mean_time_to_close_hours")
            Double meanTimeToCloseHours,

            @Schema(description = "the 5 highest-scored risks that are not CLOSED (ties: newest id first)")
            @JsonbProperty("top_risks")
            List<RiskView> topRisks,

            @Schema(
                    description = "risks not CLOSED per residual level: every level of the current methodology "
                            + "(0 when none), lowest first, and levels of older versions that risks still have")
            @JsonbProperty("by_residual_level")
            Map<String, Long> byResidualLevel,

            @Schema(description = "risks whose next review is in the past") @JsonbProperty("overdue_reviews")
            long overdueReviews,

            @Schema(description = "open treatment tasks (OPEN, IN_PROGRESS) due before today (UTC)")
            @JsonbProperty("overdue_tasks")
            long overdueTasks,

            @Schema(description = "risks not CLOSED whose residual level is above the methodology's appetite")
            @JsonbProperty("above_appetite")
            long aboveAppetite,

            @Schema(description = "the methodology's appetite (highest acceptable level)")
            String appetite,

            @Schema(description = "acceptance requests waiting for an approver") @JsonbProperty("pending_acceptances")
            long pendingAcceptances,

            @Schema(
                    description = "ACCEPTED risks whose approved acceptance expires within 30 days (they then return "
                            + "to OPEN)")
            @JsonbProperty("acceptances_expiring_within_30_days")
            long acceptancesExpiringWithin30Days) {}

    @Schema(name = "TimelineDay")
    @JsonbPropertyOrder({"date", "opened", "closed"})
    public record DayView(LocalDate date, long opened, long closed) {}

    @Schema(name = "DashboardTimeline")
    @JsonbPropertyOrder({"days", "timezone", "from", "to", "points"})
    public record TimelineView(
            int days,

            @Schema(description = "the organization's time zone the days are counted in")
            String timezone,

            LocalDate from,
            LocalDate to,

            @Schema(description = "one entry per day, oldest first, zero days included")
            List<DayView> points) {}
}
