package io.riskbase.risk;

import io.riskbase.platform.cache.EntityTagged;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON shapes of the risk endpoints: immutable, so a cache may hold them. */
public final class RiskViews {

    private RiskViews() {}

    @Schema(name = "Risk")
    @JsonbPropertyOrder({
        "id",
        "title",
        "description",
        "category",
        "severity",
        "status",
        "likelihood",
        "impact",
        "score",
        "ownerId",
        "tags",
        "dueDate",
        "createdAt",
        "updatedAt",
        "closedAt",
        "createdBy",
        "version",
        "methodologyVersion",
        "inherent",
        "residual",
        "target",
        "residualAboveInherent",
        "strategy",
        "tasks",
        "lastReviewedAt",
        "nextReviewAt",
        "acceptance"
    })
    public record RiskView(
            long id,
            String title,
            String description,
            String category,
            Severity severity,
            RiskStatus status,
            int likelihood,
            int impact,

            @Schema(description = "likelihood × impact (1-25)")
            int score,

            @JsonbProperty("owner_id") Long ownerId,
            List<String> tags,
            @JsonbProperty("due_date") LocalDate dueDate,
            @JsonbProperty("created_at") OffsetDateTime createdAt,
            @JsonbProperty("updated_at") OffsetDateTime updatedAt,

            @Schema(description = "set when the status becomes CLOSED, cleared when it leaves CLOSED")
            @JsonbProperty("closed_at")
            OffsetDateTime closedAt,

            @JsonbProperty("created_by") Long createdBy,

            @Schema(description = "optimistic-lock version, also sent as the ETag")
            int version,

            @Schema(description = "the methodology version the scores were computed with")
            @JsonbProperty("methodology_version")
            int methodologyVersion,

            @Schema(
                    description = "likelihood, impact, score and severity-like level before any treatment; the same "
                            + "likelihood, impact and score as the top-level fields")
            ScoreView inherent,

            @Schema(description = "after the controls in place")
            ScoreView residual,

            @Schema(description = "what the treatment aims for; absent when not set")
            ScoreView target,

            @Schema(
                    description = "true when the residual score or level is above the inherent one (allowed, but "
                            + "usually a mistake)")
            @JsonbProperty("residual_above_inherent")
            boolean residualAboveInherent,

            @Schema(description = "treatment strategy; absent when not decided")
            Strategy strategy,

            @Schema(description = "progress of the treatment plan")
            TaskSummary tasks,

            @JsonbProperty("last_reviewed_at") OffsetDateTime lastReviewedAt,

            @Schema(
                    description = "when the risk is due for review: (last review, else creation) + the review interval "
                            + "of its residual level; absent while CLOSED")
            @JsonbProperty("next_review_at")
            OffsetDateTime nextReviewAt,

            @Schema(
                    description = "the current acceptance request: PENDING (waiting for an approver) or APPROVED "
                            + "(ACCEPTED until expires_at); absent when there is none")
            AcceptanceSummary acceptance)
            implements EntityTagged {

        /** The version as the ETag, also when a cache hit is sent as stored bytes. */
        @Override
        public String entityTag() {
            return VersionCheck.etag(version);
        }

        public static RiskView of(Risk r) {
            Methodology.Assessment inherent = r.inherent();
            Methodology.Assessment residual = r.residual();
            return new RiskView(
                    r.getId(),
                    r.getTitle(),
                    r.getDescription(),
                    r.getCategory(),
                    r.getSeverity(),
                    r.getStatus(),
                    r.getLikelihood(),
                    r.getImpact(),
                    r.getScore(),
                    r.getOwnerId(),
                    r.tagList(),
                    r.getDueDate(),
                    r.getCreatedAt(),
                    r.getUpdatedAt(),
                    r.getClosedAt(),
                    r.getCreatedBy(),
                    r.getVersion(),
                    r.getMethodologyVersion(),
                    ScoreView.of(inherent),
                    ScoreView.of(residual),
                    ScoreView.of(r.target()),
                    residual.score() > inherent.score() || residual.rank() > inherent.rank(),
                    r.getStrategy(),
                    new TaskSummary(r.getTasksTotal(), r.getTasksOpen(), r.getTasksDone()),
                    r.getLastReviewedAt(),
                    r.getNextReviewAt(),
                    r.getAcceptanceState() == null
                            ? null
                            : new AcceptanceSummary(r.getAcceptanceId(), r.getAcceptanceState(), r.getAcceptedUntil()));
        }
    }

    @Schema(name = "RiskAcceptanceSummary", description = "The risk's current acceptance request")
    @JsonbPropertyOrder({"id", "state", "expiresAt"})
    public record AcceptanceSummary(
            long id,
            AcceptanceState state,
            @JsonbProperty("expires_at") OffsetDateTime expiresAt) {}

    @Schema(
            name = "RiskTaskSummary",
            description = "Counts of the risk's treatment tasks (cancelled = total - open - done)")
    @JsonbPropertyOrder({"total", "open", "done"})
    public record TaskSummary(int total, int open, int done) {}

    @Schema(name = "RiskScore", description = "A scored (likelihood, impact) pair")
    @JsonbPropertyOrder({"likelihood", "impact", "score", "level"})
    public record ScoreView(
            int likelihood,
            int impact,
            @Schema(description = "likelihood × impact") int score,

            @Schema(description = "key of the level the methodology's grid gives this cell")
            String level) {
        static ScoreView of(Methodology.Assessment a) {
            return a == null ? null : new ScoreView(a.likelihood(), a.impact(), a.score(), a.level());
        }
    }

    @Schema(
            name = "RiskFieldChange",
            description = "One field of one change: its value before and after (null when absent)")
    @JsonbPropertyOrder({"field", "before", "after"})
    public record FieldChange(
            String field,

            @Schema(type = SchemaType.OBJECT, nullable = true) @JsonbProperty("old")
            JsonValue before,

            @Schema(type = SchemaType.OBJECT, nullable = true) @JsonbProperty("new")
            JsonValue after) {}

    @Schema(name = "RiskHistoryEntry")
    @JsonbPropertyOrder({"id", "riskId", "action", "changedBy", "changedAt", "changes"})
    public record HistoryEntryView(
            long id,
            @JsonbProperty("risk_id") long riskId,
            RiskHistory.Action action,

            @Schema(description = "user id of who made the change") @JsonbProperty("changed_by")
            Long changedBy,

            @JsonbProperty("changed_at") OffsetDateTime changedAt,
            List<FieldChange> changes) {}

    @Schema(name = "RiskReview")
    @JsonbPropertyOrder({"id", "riskId", "reviewedBy", "reviewedAt", "note", "residualLevel", "nextReviewAt"})
    public record ReviewView(
            long id,
            @JsonbProperty("risk_id") long riskId,
            @JsonbProperty("reviewed_by") Long reviewedBy,
            @JsonbProperty("reviewed_at") OffsetDateTime reviewedAt,
            String note,

            @Schema(description = "the residual level at the review") @JsonbProperty("residual_level")
            String residualLevel,

            @Schema(description = "the next review date the review set") @JsonbProperty("next_review_at")
            OffsetDateTime nextReviewAt) {
        static ReviewView of(RiskReview r) {
            return new ReviewView(
                    r.getId(),
                    r.getRiskId(),
                    r.getReviewedBy(),
                    r.getReviewedAt(),
                    r.getNote(),
                    r.getResidualLevel(),
                    r.getNextReviewAt());
        }
    }

    @Schema(name = "RiskReviewInput")
    @JsonbPropertyOrder({"note"})
    public record ReviewInput(
            @Schema(description = "what the review found", maxLength = 2000)
            @jakarta.validation.constraints.Size(max = 2000)
            String note) {}

    @Schema(name = "RiskMatrixCell")
    @JsonbPropertyOrder({"likelihood", "impact", "score", "level", "count"})
    public record MatrixCell(
            int likelihood,
            int impact,
            int score,

            @Schema(description = "the cell's level in the current methodology")
            String level,

            long count) {}

    @JsonbPropertyOrder({"basis", "methodologyVersion", "statuses", "total", "cells"})
    @Schema(
            name = "RiskMatrix",
            description = "Counts of risks per likelihood × impact of the chosen basis; every cell of the current "
                    + "methodology's scales (25 by default), likelihood-major")
    public record MatrixView(
            @Schema(description = "inherent, residual or target")
            String basis,

            @JsonbProperty("methodology_version") int methodologyVersion,
            List<RiskStatus> statuses,
            long total,
            List<MatrixCell> cells) {}
}
