package io.riskbase.control;

import io.riskbase.control.CatalogRepository.ControlFilter;
import io.riskbase.control.CatalogViews.ControlInput;
import io.riskbase.control.CatalogViews.ControlView;
import io.riskbase.control.CatalogViews.HistoryEntryView;
import io.riskbase.control.FrameworkViews.ImpactView;
import io.riskbase.platform.cache.CachedRepresentation;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.platform.web.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The controls library, a control's impact, and its mappings to framework requirements. VIEWER reads. */
@ApplicationScoped
@Path("/controls")
@Tag(name = "controls")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.APPROVER_NAME, Role.VIEWER_NAME})
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class ControlResource {

    static final String ID = "{id: [0-9]{1,18}}";

    @Inject
    Caller caller;

    @Inject
    ControlService controls;

    @Inject
    FrameworkService frameworks;

    @Inject
    LinkService links;

    @GET
    @Operation(operationId = "listControls", summary = "Controls, filtered and paged", description = "By id.")
    @APIResponse(
            responseCode = "200",
            description = "One page of controls",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ControlView.class)),
            headers = @Header(name = "X-Total-Count", schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response list(
            @Parameter(description = "PLANNED, IMPLEMENTING, IMPLEMENTED or RETIRED") @QueryParam("status")
                    String status,
            @Parameter(description = "PREVENTIVE, DETECTIVE or CORRECTIVE") @QueryParam("type") String type,
            @Parameter(description = "owner's user id") @QueryParam("owner_id") String owner,
            @Parameter(description = "text in the name or code (case-insensitive)") @QueryParam("q") String q,
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        Integer ownerId = QueryParams.optionalInt("owner_id", owner, 1, Integer.MAX_VALUE);
        ControlFilter filter = new ControlFilter(
                QueryParams.optionalEnum("status", status, Control.Status.class),
                QueryParams.optionalEnum("type", type, Control.Type.class),
                ownerId == null ? null : ownerId.longValue(),
                AssetResource.text("q", q, 200));
        PageRequest paging = PageRequest.of(page, size);
        return Page.fromCache(() -> controls.list(caller.orgId(), filter, paging));
    }

    @GET
    @Path(ID)
    @Operation(operationId = "getControl", summary = "One control")
    @APIResponse(
            responseCode = "200",
            description = "The control",
            content = @Content(schema = @Schema(implementation = ControlView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public ControlView get(@Parameter(description = "control id") @PathParam("id") long id) {
        return controls.get(caller.orgId(), id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(operationId = "createControl", summary = "Add a control to the library (ADMIN, ANALYST)")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = ControlView.class)),
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(@NotNull @Valid ControlInput body, @Context UriInfo uri) {
        ControlView created = controls.create(caller.orgId(), caller.userId(), body);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Long.toString(created.id()))
                        .build())
                .entity(created)
                .build();
    }

    @PUT
    @Path(ID)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            operationId = "replaceControl",
            summary = "Replace a control (ADMIN, ANALYST)",
            description = "version, when sent, must be the current one (else 409); so must a new code be unused.")
    @APIResponse(
            responseCode = "200",
            description = "The control",
            content = @Content(schema = @Schema(implementation = ControlView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public ControlView replace(
            @Parameter(description = "control id") @PathParam("id") long id, @NotNull @Valid ControlInput body) {
        return controls.replace(caller.orgId(), caller.userId(), id, body);
    }

    @Produces(MediaType.WILDCARD)
    @DELETE
    @Path(ID)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            operationId = "deleteControl",
            summary = "Delete a control (ADMIN, ANALYST)",
            description = "Detaches it from every risk and requirement in the same transaction.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@Parameter(description = "control id") @PathParam("id") long id) {
        controls.delete(caller.orgId(), caller.userId(), id);
        return Response.noContent().build();
    }

    @GET
    @Path(ID + "/history")
    @Operation(operationId = "getControlHistory", summary = "A control's audit trail, newest first (links included)")
    @APIResponse(
            responseCode = "200",
            description = "One page of entries",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = HistoryEntryView.class)),
            headers = @Header(name = "X-Total-Count", schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response history(
            @Parameter(description = "control id") @PathParam("id") long id,
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        return Page.fromCache(() -> controls.history(caller.orgId(), id, paging));
    }

    @GET
    @Path(ID + "/impact")
    @Operation(
            operationId = "getControlImpact",
            summary = "The risks and framework requirements that depend on a control",
            description = "Cached; follows every change of a control, link or mapping.")
    @APIResponse(
            responseCode = "200",
            description = "The impact",
            content = @Content(schema = @Schema(implementation = ImpactView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response impact(@Parameter(description = "control id") @PathParam("id") long id) {
        CachedRepresentation impact = CachedRepresentation.of(() -> frameworks.impact(caller.orgId(), id));
        return Response.ok(impact).header(HttpHeaders.ETAG, impact.etag()).build();
    }

    @PUT
    @Path(ID + "/requirements/{requirementId: [0-9]{1,18}}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            operationId = "mapControlToRequirement",
            summary = "Map a control to a framework requirement (ADMIN, ANALYST)",
            description = "Idempotent. Both must be of the caller's organization (else 404, nothing written).")
    @APIResponse(responseCode = "204", description = "Mapped")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response map(
            @Parameter(description = "control id") @PathParam("id") long id,
            @Parameter(description = "requirement id") @PathParam("requirementId") long requirementId) {
        links.setMapping(caller.orgId(), caller.userId(), id, requirementId, true);
        return Response.noContent().build();
    }

    @DELETE
    @Path(ID + "/requirements/{requirementId: [0-9]{1,18}}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            operationId = "unmapControlFromRequirement",
            summary = "Remove a control's mapping to a requirement (ADMIN, ANALYST)",
            description = "Idempotent.")
    @APIResponse(responseCode = "204", description = "Not mapped (any more)")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response unmap(
            @Parameter(description = "control id") @PathParam("id") long id,
            @Parameter(description = "requirement id") @PathParam("requirementId") long requirementId) {
        links.setMapping(caller.orgId(), caller.userId(), id, requirementId, false);
        return Response.noContent().build();
    }
}
