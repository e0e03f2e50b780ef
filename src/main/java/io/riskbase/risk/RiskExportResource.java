package io.riskbase.risk;

import io.riskbase.platform.persistence.TableExport;
import io.riskbase.platform.persistence.Xlsx;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.NoStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Export of the risk register. Every role may export: a VIEWER reads the same risks page by page through the list, so
 * the export shows nothing more, only faster.
 */
@ApplicationScoped
@Path("/risks/export")
@NoStore
@Tag(name = "risks")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.APPROVER_NAME, Role.VIEWER_NAME})
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class RiskExportResource {

    @Inject
    Caller caller;

    @Inject
    RiskExport export;

    @GET
    @Produces({"text/csv", "application/x-ndjson", Xlsx.MEDIA_TYPE})
    @Operation(
            operationId = "exportRisks",
            summary = "Export risks as CSV, NDJSON or XLSX, streamed",
            description = "Every risk matching the list's filters, in id order, streamed from a database cursor. "
                    + "CSV (RFC 4180, UTF-8, header row) has exactly the columns the import reads; NDJSON the same "
                    + "names as keys. A risk created through the API is exported with external_id "
                    + "riskbase:<organization>:<id>, which a re-import into the same organization matches.")
    @APIResponse(
            responseCode = "200",
            description = "The risks",
            content = {
                @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = Xlsx.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response export(
            @Parameter(
                            description = "csv (default), ndjson or xlsx",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"csv", "ndjson", "xlsx"}))
                    @QueryParam("format")
                    String format,
            @Parameter(description = "as for the list") @QueryParam("severity") String severity,
            @Parameter(description = "as for the list") @QueryParam("status") String status,
            @Parameter(description = "as for the list") @QueryParam("owner") String owner,
            @Parameter(description = "as for the list") @QueryParam("category") String category,
            @Parameter(description = "as for the list") @QueryParam("q") String q,
            @Parameter(description = "as for the list") @QueryParam("inherent_level") String inherentLevel,
            @Parameter(description = "as for the list") @QueryParam("residual_level") String residualLevel,
            @Parameter(description = "as for the list") @QueryParam("target_level") String targetLevel,
            @Parameter(description = "as for the list") @QueryParam("review") String review) {
        TableExport.Format chosen = TableExport.Format.parse(format);
        RiskFilter filter = RiskFilter.parse(severity, status, owner, category, q, caller.userId())
                .withLevels(inherentLevel, residualLevel, targetLevel)
                .withReview(
                        review,
                        java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
                                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        long orgId = caller.orgId();
        return chosen.attachment("risks", out -> export.write(orgId, filter, chosen, out));
    }
}
