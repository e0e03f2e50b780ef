package io.riskbase.control;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON shapes of assets, controls, risk links and their history. */
public final class CatalogViews {

    static final String TAG = "^[A-Za-z0-9][A-Za-z0-9 _.:/-]{0,39}$";
    static final String CODE = "^[A-Za-z0-9][A-Za-z0-9_.:/()-]{0,63}$";

    private CatalogViews() {}

    @Schema(name = "AssetInput")
    public record AssetInput(
            @Schema(required = true, maxLength = 200) @NotBlank @Size(max = 200)
            String name,

            @Schema(required = true, description = "One of the organization's asset types (GET /assets/scheme)")
            @NotNull
            @Pattern(regexp = AssetScheme.TYPE, message = "must be lower-case letters, digits, '_' or '-' (1-32)")
            String type,

            @Schema(
                    required = true,
                    description = "1 (lowest) to the size of the organization's criticality scale (GET /assets/scheme;"
                            + " 1-5 by default)",
                    minimum = "1",
                    maximum = "10")
            @NotNull
            @Min(1)
            @Max(AssetScheme.MAX_CRITICALITY)
            Integer criticality,

            @Schema(description = "Id of a user of the caller's organization") @Positive @JsonbProperty("owner_id")
            Long ownerId,

            @Size(max = 2000) String description,

            @Schema(description = "Up to 20 tags (1-40 characters, no commas)") @Size(max = 20)
            List<@NotNull @Pattern(regexp = TAG, message = "must be 1-40 letters, digits, space or _ . : / -") String>
                    tags,

            @Schema(description = "On PUT: the version the client last read; a different one is a 409") @PositiveOrZero
            Integer version) {

        Asset.Content toContent() {
            List<String> clean = tags == null
                    ? List.of()
                    : tags.stream().map(String::strip).distinct().toList();
            return new Asset.Content(name.strip(), type, criticality, ownerId, blankToNull(description), clean);
        }
    }

    @Schema(name = "Asset")
    public record AssetView(
            long id,
            String name,
            String type,
            int criticality,
            @JsonbProperty("owner_id") Long ownerId,
            String description,
            List<String> tags,
            @JsonbProperty("created_at") OffsetDateTime createdAt,
            @JsonbProperty("updated_at") OffsetDateTime updatedAt,
            int version) {

        static AssetView of(Asset a) {
            Asset.Content c = a.content();
            return new AssetView(
                    a.getId(),
                    c.name(),
                    c.type(),
                    c.criticality(),
                    c.ownerId(),
                    c.description(),
                    c.tags(),
                    a.getCreatedAt(),
                    a.getUpdatedAt(),
                    a.getVersion());
        }
    }

    @Schema(name = "ControlInput")
    public record ControlInput(
            @Schema(description = "Reference code, unique in the organization (e.g. AC-2)", maxLength = 64)
            @Pattern(regexp = CODE, message = "must be 1-64 letters, digits or _ . : / ( ) -")
            String code,

            @Schema(required = true, maxLength = 200) @NotBlank @Size(max = 200)
            String name,

            @Size(max = 2000) String description,

            @Schema(
                    required = true,
                    enumeration = {"PREVENTIVE", "DETECTIVE", "CORRECTIVE"})
            @NotNull
            @Pattern(
                    regexp = "PREVENTIVE|DETECTIVE|CORRECTIVE",
                    message = "must be PREVENTIVE, DETECTIVE or " + "CORRECTIVE")
            String type,

            @Schema(
                    description = "Omitted: PLANNED",
                    enumeration = {"PLANNED", "IMPLEMENTING", "IMPLEMENTED", "RETIRED"})
            @Pattern(
                    regexp = "PLANNED|IMPLEMENTING|IMPLEMENTED|RETIRED",
                    message = "must be PLANNED, IMPLEMENTING, IMPLEMENTED or RETIRED")
            String status,

            @Schema(description = "Id of a user of the caller's organization") @Positive @JsonbProperty("owner_id")
            Long ownerId,

            @Schema(description = "1 (weak) to 5 (strong); omitted: not assessed", minimum = "1", maximum = "5")
            @Min(1)
            @Max(5)
            Integer effectiveness,

            @Schema(description = "ISO date of the next review") @JsonbProperty("review_date")
            LocalDate reviewDate,

            @Schema(description = "On PUT: the version the client last read; a different one is a 409") @PositiveOrZero
            Integer version) {

        Control.Content toContent() {
            return new Control.Content(
                    blankToNull(code),
                    name.strip(),
                    blankToNull(description),
                    Control.Type.valueOf(type),
                    status == null ? Control.Status.PLANNED : Control.Status.valueOf(status),
                    ownerId,
                    effectiveness,
                    reviewDate);
        }
    }

    @Schema(name = "Control")
    public record ControlView(
            long id,
            String code,
            String name,
            String description,
            Control.Type type,
            Control.Status status,
            @JsonbProperty("owner_id") Long ownerId,
            Integer effectiveness,
            @JsonbProperty("review_date") LocalDate reviewDate,
            @JsonbProperty("created_at") OffsetDateTime createdAt,
            @JsonbProperty("updated_at") OffsetDateTime updatedAt,
            int version) {

        static ControlView of(Control c) {
            Control.Content x = c.content();
            return new ControlView(
                    c.getId(),
                    x.code(),
                    x.name(),
                    x.description(),
                    x.type(),
                    x.status(),
                    x.ownerId(),
                    x.effectiveness(),
                    x.reviewDate(),
                    c.getCreatedAt(),
                    c.getUpdatedAt(),
                    c.getVersion());
        }
    }

    /** A risk as a linked object shows it: enough to list, the rest is one GET away. */
    @Schema(name = "LinkedRisk")
    public record LinkedRisk(
            long id,
            String title,
            String status,
            @JsonbProperty("residual_score") int residualScore) {}

    /** One entry of an asset's or control's audit trail (its own changes and its links). */
    @Schema(name = "CatalogHistoryEntry")
    public record HistoryEntryView(
            long id,
            String action,
            @JsonbProperty("changed_by") Long changedBy,
            @JsonbProperty("changed_at") OffsetDateTime changedAt,

            @Schema(type = SchemaType.OBJECT, description = "field → {old, new}")
            JsonValue changes) {}

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
