package io.riskbase.risk;

import io.riskbase.risk.Methodology.Level;
import io.riskbase.risk.Methodology.ScaleLevel;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of PUT {@code /organization/methodology}: the new methodology, and, when its scales are shorter than the current
 * ones and risks use the removed values, the value each removed one becomes.
 */
@Schema(name = "MethodologyInput")
@JsonbPropertyOrder({"likelihood", "impact", "levels", "grid", "appetite", "mapping"})
public record MethodologyInput(
        @Schema(description = "3-10 levels, lowest first", required = true) @NotNull @Size(min = 3, max = 10)
        List<ScaleLevel> likelihood,

        @Schema(description = "3-10 levels, lowest first", required = true) @NotNull @Size(min = 3, max = 10)
        List<ScaleLevel> impact,

        @Schema(description = "2-10 risk levels, lowest first", required = true) @NotNull @Size(min = 2, max = 10)
        List<Level> levels,

        @Schema(description = "grid[likelihood-1][impact-1] = level key", required = true) @NotNull @Size(max = 10)
        List<List<String>> grid,

        @Schema(description = "key of the highest acceptable level", required = true) @NotNull
        String appetite,

        @Schema(description = "what removed scale values become, for the risks that use them")
        ValueMapping mapping) {

    /** Removed value → new value, per scale, e.g. {@code {"likelihood":{"5":4}}}. */
    @Schema(name = "MethodologyValueMapping")
    @JsonbPropertyOrder({"likelihood", "impact"})
    public record ValueMapping(Map<String, Integer> likelihood, Map<String, Integer> impact) {}

    Methodology toMethodology() {
        return new Methodology(likelihood, impact, levels, grid, appetite);
    }
}
