package io.riskbase.risk;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of POST and PUT {@code /risks} (and, after a JSON merge patch is applied to the current risk, of PATCH).
 * Server-maintained fields (id, score, created_at, updated_at, closed_at, created_by) are not part of it; a client that
 * sends them is ignored for those fields.
 */
@Schema(name = "RiskInput", description = "A risk as a client writes it")
@JsonbPropertyOrder({
    "title",
    "description",
    "category",
    "severity",
    "status",
    "likelihood",
    "impact",
    "ownerId",
    "tags",
    "dueDate",
    "residual",
    "target",
    "strategy",
    "version"
})
public record RiskInput(
        @Schema(description = "Short title", maxLength = 200, required = true) @NotBlank @Size(max = 200)
        String title,

        @Schema(description = "Free text", maxLength = 10000) @Size(max = 10000)
        String description,

        @Schema(
                description = "One of the organization's categories (settings.categories); unchanged "
                        + "categories are kept even if removed from the settings",
                pattern = CATEGORY,
                required = true)
        @NotBlank
        @Pattern(regexp = CATEGORY, message = "must be lower-case letters, digits, '_' or '-' (1-64)")
        String category,

        @Schema(
                description = "Defaults to the inherent level when that is LOW, MEDIUM, HIGH or CRITICAL (the default "
                        + "methodology: score 1-4 LOW, 5-9 MEDIUM, 10-16 HIGH, 20-25 CRITICAL), else to the "
                        + "severity the score suggests",
                enumeration = {"LOW", "MEDIUM", "HIGH", "CRITICAL"})
        @Pattern(regexp = "LOW|MEDIUM|HIGH|CRITICAL", message = "must be one of LOW, MEDIUM, HIGH, CRITICAL")
        String severity,

        @Schema(
                description = "Defaults to OPEN; CLOSED sets closed_at, any other status clears it",
                enumeration = {"OPEN", "MITIGATING", "ACCEPTED", "CLOSED"})
        @Pattern(
                regexp = "OPEN|MITIGATING|ACCEPTED|CLOSED",
                message = "must be one of OPEN, MITIGATING, ACCEPTED, CLOSED")
        String status,

        @Schema(
                description = "Inherent likelihood, within the organization's likelihood scale (1-5 by default)",
                minimum = "1",
                maximum = "10",
                required = true)
        @NotNull
        @Min(1)
        @Max(10)
        Integer likelihood,

        @Schema(
                description = "Inherent impact, within the organization's impact scale (1-5 by default)",
                minimum = "1",
                maximum = "10",
                required = true)
        @NotNull
        @Min(1)
        @Max(10)
        Integer impact,

        @Schema(description = "Id of a user of the caller's organization") @Positive @JsonbProperty("owner_id")
        Long ownerId,

        @Schema(
                description = "Up to 20 tags, letters, digits, space and _ . : / - (1-40 characters, no "
                        + "commas); duplicates are dropped")
        @Size(max = 20)
        List<
                        @NotNull
                        @Pattern(regexp = TAG, message = "must be 1-40 letters, digits, space or _ . : / - (no commas)")
                        String>
                tags,

        @Schema(description = "ISO date between 2000-01-01 and 2100-12-31") @JsonbProperty("due_date")
        LocalDate dueDate,

        @Schema(
                description =
                        "Residual pair (after current controls); omitted on POST or PUT: equal to the inherent pair")
        @Valid
        PairInput residual,

        @Schema(description = "Target pair (what the treatment aims for); omitted or null: no target") @Valid
        PairInput target,

        @Schema(
                description = "Treatment strategy; omitted or null: not decided",
                enumeration = {"MITIGATE", "ACCEPT", "TRANSFER", "AVOID"})
        @Pattern(
                regexp = "MITIGATE|ACCEPT|TRANSFER|AVOID",
                message = "must be one of MITIGATE, ACCEPT, TRANSFER, AVOID")
        String strategy,

        @Schema(description = "The version the client last read; a different current version is a 409") @PositiveOrZero
        Integer version) {

    /** A (likelihood, impact) pair; both within the organization's scales. */
    @Schema(name = "RiskScoreInput")
    @JsonbPropertyOrder({"likelihood", "impact"})
    public record PairInput(
            @Schema(minimum = "1", maximum = "10", required = true) @NotNull @Min(1) @Max(10)
            Integer likelihood,

            @Schema(minimum = "1", maximum = "10", required = true) @NotNull @Min(1) @Max(10)
            Integer impact) {

        static PairInput of(RiskContent.Pair p) {
            return p == null ? null : new PairInput(p.likelihood(), p.impact());
        }

        RiskContent.Pair toPair() {
            return new RiskContent.Pair(likelihood, impact);
        }
    }

    public static final String CATEGORY = "^[a-z0-9][a-z0-9_-]{0,63}$";
    public static final String TAG = "^[A-Za-z0-9][A-Za-z0-9 _.:/-]{0,39}$";
    public static final LocalDate MIN_DUE = LocalDate.of(2000, 1, 1);
    public static final LocalDate MAX_DUE = LocalDate.of(2100, 12, 31);

    /** The current state of a risk as an input, the base of a merge patch. */
    static RiskInput of(RiskContent c) {
        return new RiskInput(
                c.title(),
                c.description(),
                c.category(),
                c.severity().name(),
                c.status().name(),
                c.likelihood(),
                c.impact(),
                c.ownerId(),
                c.tags(),
                c.dueDate(),
                PairInput.of(c.residual()),
                PairInput.of(c.target()),
                c.strategy() == null ? null : c.strategy().name(),
                null);
    }

    /** The content this body describes; the severity defaults from the inherent level of the methodology. */
    RiskContent toContent(Methodology methodology) {
        List<String> cleanTags = tags == null
                ? List.of()
                : tags.stream().map(String::strip).distinct().toList();
        String text = description == null || description.isBlank() ? null : description.strip();
        Severity sev = severity == null ? defaultSeverity(methodology) : Severity.valueOf(severity);
        return new RiskContent(
                title.strip(),
                text,
                category,
                sev,
                status == null ? RiskStatus.OPEN : RiskStatus.valueOf(status),
                likelihood,
                impact,
                ownerId,
                cleanTags,
                dueDate,
                residual == null ? null : residual.toPair(),
                target == null ? null : target.toPair(),
                strategy == null ? null : Strategy.valueOf(strategy));
    }

    private Severity defaultSeverity(Methodology methodology) {
        if (likelihood <= methodology.likelihoodLevels() && impact <= methodology.impactLevels()) {
            String level = methodology.assess(likelihood, impact).level();
            for (Severity s : Severity.values()) {
                if (s.name().equals(level)) {
                    return s;
                }
            }
        }
        return Severity.forScore(likelihood * impact);
    }
}
