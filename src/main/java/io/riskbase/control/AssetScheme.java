package io.riskbase.control;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An organization's asset types and criticality scale: the body of GET/PUT {@code /assets/scheme}. An asset's type must
 * be one of {@code types} and its criticality one of 1..{@code criticality.size()} when it is created or when that
 * field changes; an asset keeps a value later removed from the scheme, like a risk keeps a removed category.
 */
@Schema(name = "AssetScheme")
@JsonbPropertyOrder({"types", "criticality"})
public record AssetScheme(
        @Schema(required = true, description = "1-30 lower-case names (letters, digits, '_' or '-'; 1-32)")
        @NotNull
        @Size(min = 1, max = 30)
        List<@NotNull @Pattern(regexp = TYPE, message = "must be lower-case letters, digits, '_' or '-' (1-32)") String>
                types,

        @Schema(
                required = true,
                description = "The labels of criticality 1, 2, … in order (2-" + MAX_CRITICALITY + " levels)")
        @NotNull
        @Size(min = 2, max = MAX_CRITICALITY)
        List<@NotBlank @Size(max = 40) String> criticality) {

    static final String TYPE = "^[a-z0-9][a-z0-9_-]{0,31}$";
    static final int MAX_CRITICALITY = 10;

    /** Today's fixed values: the eight types and 1 (low) to 5 (critical). */
    static final AssetScheme DEFAULT = new AssetScheme(
            List.of("application", "data", "infrastructure", "process", "people", "vendor", "facility", "other"),
            List.of("very low", "low", "medium", "high", "critical"));

    AssetScheme normalized() {
        return new AssetScheme(
                types.stream().map(String::strip).distinct().toList(),
                criticality.stream().map(String::strip).toList());
    }

    int maxCriticality() {
        return criticality.size();
    }
}
