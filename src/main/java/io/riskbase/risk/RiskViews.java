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
        "version"
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
            int version)
            implements EntityTagged {

        /** The version as the ETag, also when a cache hit is sent as stored bytes. */
        @Override
        public String entityTag() {
            return VersionCheck.etag(version);
        }

        public static RiskView of(Risk r) {
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
                    r.getVersion());
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

    @Schema(name = "RiskMatrixCell")
    @JsonbPropertyOrder({"likelihood", "impact", "score", "count"})
    public record MatrixCell(int likelihood, int impact, int score, long count) {}

    @JsonbPropertyOrder({"statuses", "total", "cells"})
    @Schema(
            name = "RiskMatrix",
            description = "Counts of risks per likelihood × impact; all 25 cells, likelihood-major")
    public record MatrixView(List<RiskStatus> statuses, long total, List<MatrixCell> cells) {}
}
