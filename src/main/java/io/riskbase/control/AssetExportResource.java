package io.riskbase.control;

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

/** Export of the organization's assets. Every role may export: each of them reads the same assets page by page. */
@ApplicationScoped
@Path("/assets/export")
@NoStore
@Tag(name = "assets")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.APPROVER_NAME, Role.VIEWER_NAME})
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class AssetExportResource {

    @Inject
    Caller caller;

    @Inject
    AssetService assets;

    @GET
    @Produces({"text/csv", "application/x-ndjson", Xlsx.MEDIA_TYPE})
    @Operation(
            operationId = "exportAssets",
            summary = "Export assets as CSV, NDJSON or XLSX, streamed",
            description =
                    "Every asset of the organization in id order, streamed from a database cursor. CSV (RFC 4180, "
                            + "UTF-8, header row) has the columns id, name, type, criticality, owner_email, "
                            + "description, tags, created_at, updated_at; NDJSON the same names as keys, absent "
                            + "values left out. Times are UTC (ISO 8601).")
    @APIResponse(
            responseCode = "200",
            description = "The assets",
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
                    String format) {
        TableExport.Format chosen = TableExport.Format.parse(format);
        long orgId = caller.orgId();
        return chosen.attachment("assets", out -> assets.export(orgId, chosen, out));
    }
}
