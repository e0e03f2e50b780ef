package io.riskbase.control;

import io.riskbase.control.CatalogRepository.Kind;
import io.riskbase.control.CatalogViews.ControlView;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The controls that treat a risk: {@code PUT} links, {@code DELETE} unlinks, both idempotent; an id of another
 * organization on either end is a 404 and nothing is written. VIEWER reads.
 */
@ApplicationScoped
@Path("/risks/{id: [0-9]{1,18}}/controls")
@Tag(name = "risks")
@Produces(MediaType.WILDCARD)
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.APPROVER_NAME, Role.VIEWER_NAME})
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class RiskControlResource {

    static final String TARGET = "{targetId: [0-9]{1,18}}";

    @Inject
    Caller caller;

    @Inject
    LinkService links;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listRiskControls", summary = "The controls that treat a risk (existing or planned)")
    @APIResponse(
            responseCode = "200",
            description = "One page of controls, by id",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ControlView.class)),
            headers = @Header(name = "X-Total-Count", schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response controls(
            @Parameter(description = "risk id") @PathParam("id") long riskId,
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        return Page.fromCache(() -> links.controlsOf(caller.orgId(), riskId, paging));
    }

    @PUT
    @Path(TARGET)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(operationId = "linkRiskControl", summary = "Link a risk to a control that treats it (ADMIN, ANALYST)")
    @APIResponse(responseCode = "204", description = "Linked")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response linkControl(
            @Parameter(description = "risk id") @PathParam("id") long riskId,
            @Parameter(description = "control id") @PathParam("targetId") long controlId) {
        links.setRiskLink(caller.orgId(), caller.userId(), Kind.CONTROL, riskId, controlId, true);
        return Response.noContent().build();
    }

    @DELETE
    @Path(TARGET)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(operationId = "unlinkRiskControl", summary = "Unlink a risk from a control (ADMIN, ANALYST)")
    @APIResponse(responseCode = "204", description = "Not linked (any more)")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response unlinkControl(
            @Parameter(description = "risk id") @PathParam("id") long riskId,
            @Parameter(description = "control id") @PathParam("targetId") long controlId) {
        links.setRiskLink(caller.orgId(), caller.userId(), Kind.CONTROL, riskId, controlId, false);
        return Response.noContent().build();
    }
}
