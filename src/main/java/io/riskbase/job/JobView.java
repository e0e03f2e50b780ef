package io.riskbase.job;

import jakarta.json.JsonArray;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.OffsetDateTime;
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

        @Schema(description = "the first errors: row (spreadsheet row, header = 1), column, message")
        JsonArray errors,

        @JsonbProperty("created_at") OffsetDateTime createdAt,
        @JsonbProperty("updated_at") OffsetDateTime updatedAt,
        @JsonbProperty("finished_at") OffsetDateTime finishedAt) {

    static JobView of(Job j) {
        JsonArray errors = jakarta.json.JsonValue.EMPTY_JSON_ARRAY;
        if (j.getErrors() != null) {
            try (jakarta.json.JsonReader r = jakarta.json.Json.createReader(new java.io.StringReader(j.getErrors()))) {
                errors = r.readArray();
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
                j.getFinishedAt());
    }
}
