package io.riskbase.control;

import io.riskbase.control.CatalogViews.LinkedRisk;
import io.riskbase.risk.TaskViews;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON shapes of frameworks, their requirements, coverage and control impact. */
public final class FrameworkViews {

    private FrameworkViews() {}

    @Schema(name = "Framework")
    public record FrameworkView(
            long id,
            String code,
            String version,
            String name,

            @Schema(description = "Where the text comes from (publisher, licence)")
            String source,

            @JsonbProperty("imported_at") OffsetDateTime importedAt,
            @JsonbProperty("requirement_count") long requirementCount) {}

    @Schema(name = "FrameworkImportResult")
    public record ImportResult(
            FrameworkView framework,

            @Schema(description = "false: the same (code, version) was imported before; its rows were updated in place")
            boolean created,

            @Schema(description = "requirements added by this import")
            int added,

            @Schema(description = "requirements whose title, description or parent changed")
            int updated) {}

    @Schema(name = "Requirement")
    public record RequirementView(
            long id,
            @JsonbProperty("framework_id") long frameworkId,
            @JsonbProperty("parent_id") Long parentId,
            String code,
            String title,
            String description) {}

    @Schema(name = "MappedControl")
    public record MappedControl(long id, String code, String name, Control.Status status, Integer effectiveness) {}

    @Schema(name = "RequirementCoverage")
    public record RequirementCoverage(
            long id,
            @JsonbProperty("parent_id") Long parentId,
            String code,
            String title,

            @Schema(description = "COVERED, PARTIAL or NOT_COVERED; for a branch, rolled up from its requirements")
            Coverage.Status status,

            @Schema(description = "Leaf requirements under this one (itself, for a leaf) by status")
            Coverage.Counts leaves,

            List<MappedControl> controls,

            @Schema(description = "Ids of the risks the mapped controls treat") @JsonbProperty("risk_ids")
            List<Long> riskIds) {}

    @Schema(name = "FrameworkCoverage")
    public record CoverageView(
            FrameworkView framework,

            @Schema(description = "Leaf requirements of the whole framework by status")
            Coverage.Counts summary,

            List<RequirementCoverage> requirements) {}

    @Schema(name = "RequirementRef")
    public record RequirementRef(
            long id,
            String code,
            String title,
            @JsonbProperty("framework_id") long frameworkId,
            @JsonbProperty("framework_code") String frameworkCode,
            @JsonbProperty("framework_version") String frameworkVersion) {}

    @Schema(name = "ControlImpact")
    public record ImpactView(
            @JsonbProperty("control_id") long controlId,
            List<LinkedRisk> risks,
            List<RequirementRef> requirements,

            @Schema(description = "The treatment tasks implementing the control (control_id), unfinished first")
            List<TaskViews.TaskView> tasks) {}

    /**
     * The shape of an import document, for /openapi only: {@link FrameworkDocument#parse} reads the JSON itself, so
     * that a malformed document is answered with the paths of all its first errors.
     */
    @Schema(name = "FrameworkImport")
    public record ImportDocument(
            @Schema(required = true, maxLength = 64, description = "letters, digits, _ . : / ( ) -")
            String code,

            @Schema(required = true, maxLength = 32) String version,
            @Schema(required = true, maxLength = 200) String name,
            String source,
            @Schema(required = true) List<ImportRequirement> requirements) {}

    @Schema(name = "FrameworkImportRequirement")
    public record ImportRequirement(
            @Schema(required = true, maxLength = 64) String code,
            @Schema(required = true, maxLength = 500) String title,
            @Schema(maxLength = 4000) String description,

            @Schema(description = "children, at most 6 levels deep")
            List<ImportRequirement> requirements) {}
}
