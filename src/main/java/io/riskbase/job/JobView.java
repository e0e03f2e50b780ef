package io.riskbase.job;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job as the API shows it. */
@Schema(name = "Job", description = "An asynchronous job (a risk import's real run)")
public record JobView(
        long id,
        String kind,

        @Schema(enumeration = {"QUEUED", "VALIDATING", "RUNNING", "SUCCEEDED", "FAILED"})
        String state,

        @JsonbProperty("rows_total") int rowsTotal,

        @Schema(description = "rows committed so far") @JsonbProperty("rows_done")
        int rowsDone,

        @JsonbProperty("rows_created") int rowsCreated,
        @JsonbProperty("rows_updated") int rowsUpdated,
        @JsonbProperty("rows_unchanged") int rowsUnchanged,
        @JsonbProperty("error_count") int errorCount,

        @Schema(description = "the first errors") List<JobError> errors,

        @JsonbProperty("created_at") OffsetDateTime createdAt,
        @JsonbProperty("updated_at") OffsetDateTime updatedAt,
        @JsonbProperty("finished_at") OffsetDateTime finishedAt,

        @Schema(description = "when the node running the job last showed it was at work") @JsonbProperty("heartbeat_at")
        OffsetDateTime heartbeatAt) {

    /**
     * One error of a job: the row counts like a spreadsheet (header = 1); null row or column: the whole file or row.
     */
    @Schema(name = "JobError")
    public record JobError(Long row, String column, String message) {}

    static JobView of(Job j) {
        List<JobError> errors = new ArrayList<>();
        if (j.getErrors() != null) {
            try (jakarta.json.JsonReader r = jakarta.json.Json.createReader(new java.io.StringReader(j.getErrors()))) {
                for (jakarta.json.JsonValue v : r.readArray()) {
                    jakarta.json.JsonObject o = v.asJsonObject();
                    errors.add(new JobError(
                            o.get("row") instanceof jakarta.json.JsonNumber n ? n.longValue() : null,
                            o.get("column") instanceof jakarta.json.JsonString c ? c.getString() : null,
                            o.getString("message", "")));
                }
            }
        }
        return new JobView(
                j.getId(),
                j.getKind(),
                j.getState().name(),
                j.getRowsTotal(),
                j.getRowsDone(),
                j.getRowsCreated(),
                j.getRowsUpdated(),
                j.getRowsUnchanged(),
                j.getErrorCount(),
                errors,
                j.getCreatedAt(),
                j.getUpdatedAt(),
                j.getFinishedAt(),
                j.getHeartbeatAt());
    }
}
