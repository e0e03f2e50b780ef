package io.riskbase.control;

import io.riskbase.control.CatalogViews.HistoryEntryView;
import io.riskbase.control.FrameworkViews.CoverageView;
import io.riskbase.control.FrameworkViews.FrameworkView;
import io.riskbase.control.FrameworkViews.ImportDocument;
import io.riskbase.control.FrameworkViews.ImportResult;
import io.riskbase.control.FrameworkViews.RequirementView;
import io.riskbase.platform.cache.CachedRepresentation;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Frameworks: import (ADMIN), their requirements and coverage. VIEWER reads. */
@ApplicationScoped
@Path("/frameworks")
@Tag(name = "frameworks")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.APPROVER_NAME, Role.VIEWER_NAME})
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class FrameworkResource {

    static final String ID = "{id: [0-9]{1,18}}";

    @Inject
    Caller caller;

    @Inject
    FrameworkService frameworks;

    @GET
    @Operation(operationId = "listFrameworks", summary = "The organization's frameworks, by code")
    @APIResponse(
            responseCode = "200",
            description = "Every framework",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = FrameworkView.class)))
    public List<FrameworkView> list() {
        return frameworks.list(caller.orgId());
    }

    @POST
    @Path("import")
    // any type matches, so that the role check answers first; the type chooses the parser below
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(
            operationId = "importFramework",
            summary = "Import a framework document, JSON or CSV (ADMIN)",
            description = "Idempotent by (code, version): importing the same document again changes nothing (200);"
                    + " a new (code, version) is 201. application/json: a nested document (code, version, name and"
                    + " source inside). text/csv: one requirement per row, columns code,title,description,parent"
                    + " (the parent's code; empty at the top), the framework's code, version, name and source in the"
                    + " query string. A malformed document is a 400 naming the JSON path or the CSV row of the first"
                    + " errors, and nothing is written. See docs/api.md for both shapes.")
    @RequestBody(
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = ImportDocument.class)),
                @Content(mediaType = FrameworkCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "200",
            description = "Imported before; updated in place",
            content = @Content(schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "415", description = "Neither application/json nor text/csv")
    public Response importDocument(
            @Parameter(description = "CSV only: the framework's code (1-64 letters, digits or _ . : / ( ) -)")
                    @QueryParam("code")
                    String code,
            @Parameter(description = "CSV only: the framework's version") @QueryParam("version") String version,
            @Parameter(description = "CSV only: the framework's name") @QueryParam("name") String name,
            @Parameter(description = "CSV only: where the text comes from and its licence") @QueryParam("source")
                    String source,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        FrameworkDocument doc =
                FrameworkImportBody.read(contentType, body, new FrameworkCsv.Header(code, version, name, source));
        ImportResult result = frameworks.importDocument(caller.orgId(), caller.userId(), doc);
        return Response.status(result.created() ? 201 : 200).entity(result).build();
    }

    @GET
    @Path(ID)
    @Operation(operationId = "getFramework", summary = "One framework")
    @APIResponse(
            responseCode = "200",
            description = "The framework",
            content = @Content(schema = @Schema(implementation = FrameworkView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public FrameworkView get(@Parameter(description = "framework id") @PathParam("id") long id) {
        return frameworks.get(caller.orgId(), id);
    }

    @GET
    @Path(ID + "/requirements")
    @Operation(operationId = "listFrameworkRequirements", summary = "A framework's requirements in document order")
    @APIResponse(
            responseCode = "200",
            description = "Every requirement (parent_id makes the tree)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RequirementView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<RequirementView> requirements(@Parameter(description = "framework id") @PathParam("id") long id) {
        return frameworks.requirements(caller.orgId(), id);
    }

    @GET
    @Path(ID + "/requirements/{requirementId: [0-9]{1,18}}/history")
    @Operation(
            operationId = "getRequirementHistory",
            summary = "A requirement's audit trail, newest first: controls mapped and unmapped, changes by re-imports")
    @APIResponse(
            responseCode = "200",
            description = "One page of entries (none yet is an empty page)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = HistoryEntryView.class)),
            headers = @Header(name = "X-Total-Count", schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response requirementHistory(
            @Parameter(description = "framework id") @PathParam("id") long id,
            @Parameter(description = "requirement id") @PathParam("requirementId") long requirementId,
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        return frameworks
                .requirementHistory(caller.orgId(), id, requirementId, PageRequest.of(page, size))
                .toResponse();
    }

    @GET
    @Path(ID + "/coverage")
    @Operation(
            operationId = "getFrameworkCoverage",
            summary = "How covered the organization is: per requirement and rolled up per branch",
            description = "Cached and refreshed ahead; follows every change of a control, link or mapping.")
    @APIResponse(
            responseCode = "200",
            description = "The coverage",
            content = @Content(schema = @Schema(implementation = CoverageView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response coverage(@Parameter(description = "framework id") @PathParam("id") long id) {
        // a hit is sent as the stored bytes: a framework's coverage is tens of kilobytes of JSON to encode again
        CachedRepresentation coverage = CachedRepresentation.of(() -> frameworks.coverage(caller.orgId(), id));
        return Response.ok(coverage).header(HttpHeaders.ETAG, coverage.etag()).build();
    }
}
