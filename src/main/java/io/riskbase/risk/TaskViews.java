package io.riskbase.risk;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON shapes of the treatment task endpoints. */
public final class TaskViews {

    private TaskViews() {}

    @Schema(name = "RiskTask")
    @JsonbPropertyOrder({
        "id",
        "riskId",
        "title",
        "description",
        "ownerId",
        "dueDate",
        "status",
        "controlId",
        "completedAt",
        "createdBy",
        "createdAt",
        "updatedAt",
        "version"
    })
    public record TaskView(
            long id,
            @JsonbProperty("risk_id") long riskId,
            String title,
            String description,
            @JsonbProperty("owner_id") Long ownerId,
            @JsonbProperty("due_date") LocalDate dueDate,
            TaskStatus status,

            @Schema(description = "the control this task implements, if any") @JsonbProperty("control_id")
            Long controlId,

            @Schema(description = "set when the status becomes DONE, cleared when it leaves DONE")
            @JsonbProperty("completed_at")
            OffsetDateTime completedAt,

            @JsonbProperty("created_by") Long createdBy,
            @JsonbProperty("created_at") OffsetDateTime createdAt,
            @JsonbProperty("updated_at") OffsetDateTime updatedAt,
            int version) {
        static TaskView of(RiskTask t) {
            return new TaskView(
                    t.getId(),
                    t.getRiskId(),
                    t.getTitle(),
                    t.getDescription(),
                    t.getOwnerId(),
                    t.getDueDate(),
                    t.getStatus(),
                    t.getControlId(),
                    t.getCompletedAt(),
                    t.getCreatedBy(),
                    t.getCreatedAt(),
                    t.getUpdatedAt(),
                    t.getVersion());
        }
    }

    /** Body of POST (and, after the merge patch is applied to the current task, of PATCH). */
    @Schema(name = "RiskTaskInput")
    @JsonbPropertyOrder({"title", "description", "ownerId", "dueDate", "status", "controlId", "version"})
    public record TaskInput(
            @Schema(maxLength = 200, required = true) @NotBlank @Size(max = 200)
            String title,

            @Schema(maxLength = 2000) @Size(max = 2000) String description,

            @Schema(description = "Id of a user of the caller's organization") @Positive @JsonbProperty("owner_id")
            Long ownerId,

            @Schema(description = "ISO date between 2000-01-01 and 2100-12-31") @JsonbProperty("due_date")
            LocalDate dueDate,

            @Schema(
                    description = "Defaults to OPEN; DONE sets completed_at",
                    enumeration = {"OPEN", "IN_PROGRESS", "DONE", "CANCELLED"})
            @Pattern(
                    regexp = "OPEN|IN_PROGRESS|DONE|CANCELLED",
                    message = "must be one of OPEN, IN_PROGRESS, DONE, CANCELLED")
            String status,

            @Schema(description = "Id of a control of the caller's organization that this task implements")
            @Positive
            @JsonbProperty("control_id")
            Long controlId,

            @Schema(description = "The version the client last read; a different current version is a 409")
            @PositiveOrZero
            Integer version) {

        static TaskInput of(RiskTask.Content c) {
            return new TaskInput(
                    c.title(),
                    c.description(),
                    c.ownerId(),
                    c.dueDate(),
                    c.status().name(),
                    c.controlId(),
                    null);
        }

        RiskTask.Content toContent() {
            String text = description == null || description.isBlank() ? null : description.strip();
            return new RiskTask.Content(
                    title.strip(),
                    text,
                    ownerId,
                    dueDate,
                    status == null ? TaskStatus.OPEN : TaskStatus.valueOf(status),
                    controlId);
        }
    }
}
