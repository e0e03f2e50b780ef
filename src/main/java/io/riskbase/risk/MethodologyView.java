package io.riskbase.risk;

import io.riskbase.risk.Methodology.Level;
import io.riskbase.risk.Methodology.ScaleLevel;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One version of an organization's methodology as the API shows it. Version 1 is the built-in default. */
@Schema(name = "Methodology")
@JsonbPropertyOrder({"version", "createdAt", "createdBy", "likelihood", "impact", "levels", "grid", "appetite"})
public record MethodologyView(
        @Schema(description = "1 is the built-in default; every change adds one")
        int version,

        @Schema(description = "absent for the built-in default") @JsonbProperty("created_at")
        OffsetDateTime createdAt,

        @JsonbProperty("created_by") Long createdBy,

        @Schema(description = "likelihood scale, lowest first; a value is its position (1..n)")
        List<ScaleLevel> likelihood,

        @Schema(description = "impact scale, lowest first; a value is its position (1..n)")
        List<ScaleLevel> impact,

        @Schema(description = "risk levels, lowest first") List<Level> levels,

        @Schema(description = "grid[likelihood-1][impact-1] is the level key of that cell")
        List<List<String>> grid,

        @Schema(description = "key of the highest acceptable level")
        String appetite) {

    public static final MethodologyView DEFAULT = of(1, null, null, Methodology.DEFAULT);

    static MethodologyView of(int version, OffsetDateTime createdAt, Long createdBy, Methodology m) {
        return new MethodologyView(
                version, createdAt, createdBy, m.likelihood(), m.impact(), m.levels(), m.grid(), m.appetite());
    }

    @JsonbTransient
    public Methodology methodology() {
        return new Methodology(likelihood, impact, levels, grid, appetite);
    }
}
