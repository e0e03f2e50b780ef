package io.riskbase.risk;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.risk.AcceptanceViews.AcceptanceView;
import io.riskbase.risk.AcceptanceViews.ApprovalInput;
import io.riskbase.risk.AcceptanceViews.RejectionInput;
import io.riskbase.risk.AcceptanceViews.RequestInput;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
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

/**
 * Acceptance requests of one risk (maker-checker). Everyone reads; ANALYST and ADMIN request; ADMIN and APPROVER
 * decide, never on their own request, and only as a signed-in user (an API key has nobody to answer for the decision).
 */
@ApplicationScoped
@Path("/risks/" + RiskResource.ID + "/acceptances")
@Tag(name = "risks")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME, Role.APPROVER_NAME})
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class AcceptanceResource {

    static final String ACCEPTANCE_ID = "{acceptanceId: [0-9]{1,18}}";

    @Inject
    Caller caller;

    @Inject
    AcceptanceService acceptances;

    @GET
    @Operation(
            operationId = "listRiskAcceptances",
            summary = "Acceptance requests of a risk",
            description = "Newest first: pending, approved, rejected, expired and ended ones.")
    @APIResponse(
            responseCode = "200",
            description = "One page of acceptance requests",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AcceptanceView.class)),
            headers =
                    @Header(
                            name = "X-Total-Count",
                            description = "requests of this risk",
                            schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response list(
            @Parameter(description = "risk id") @PathParam("id") long riskId,
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        return acceptances
                .list(caller.orgId(), riskId, PageRequest.of(page, size))
                .toResponse();
    }

    @GET
    @Path(ACCEPTANCE_ID)
    @Operation(operationId = "getRiskAcceptance", summary = "One acceptance request of a risk")
    @APIResponse(
            responseCode = "200",
            description = "The acceptance request",
            content = @Content(schema = @Schema(implementation = AcceptanceView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public AcceptanceView get(
            @Parameter(description = "risk id") @PathParam("id") long riskId,
            @Parameter(description = "acceptance id") @PathParam("acceptanceId") long id) {
        return acceptances.get(caller.orgId(), riskId, id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            operationId = "requestRiskAcceptance",
            summary = "Ask for a risk to be accepted (ADMIN, ANALYST)",
            description = "The risk's status does not change: it becomes ACCEPTED when another user approves. "
                    + "409 when a request is already pending, or the risk is ACCEPTED or CLOSED.")
    @APIResponse(
            responseCode = "201",
            description = "The pending request",
            content = @Content(schema = @Schema(implementation = AcceptanceView.class)),
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response request(
            @Parameter(description = "risk id") @PathParam("id") long riskId,
            @Valid RequestInput body,
            @Context UriInfo uri) {
        AcceptanceView created = acceptances.request(caller.orgId(), caller.userId(), riskId, body);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Long.toString(created.id()))
                        .build())
                .entity(created)
                .build();
    }

    @POST
    @Path(ACCEPTANCE_ID + "/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.APPROVER_NAME})
    @Operation(
            operationId = "approveRiskAcceptance",
            summary = "Approve a pending acceptance (ADMIN, APPROVER; not the requester)",
            description = "The risk becomes ACCEPTED until expires_at, then returns to OPEN and is due for review. "
                    + "403 for the requester and for API keys; 409 when the request is not PENDING or the risk "
                    + "is CLOSED.")
    @APIResponse(
            responseCode = "200",
            description = "The approved acceptance",
            content = @Content(schema = @Schema(implementation = AcceptanceView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public AcceptanceView approve(
            @Parameter(description = "risk id") @PathParam("id") long riskId,
            @Parameter(description = "acceptance id") @PathParam("acceptanceId") long id,
            @NotNull @Valid ApprovalInput body) {
        return acceptances.approve(caller.orgId(), decider(), riskId, id, body);
    }

    @POST
    @Path(ACCEPTANCE_ID + "/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.APPROVER_NAME})
    @Operation(
            operationId = "rejectRiskAcceptance",
            summary = "Reject a pending acceptance (ADMIN, APPROVER; not the requester)",
            description = "The risk keeps its status. 403 for the requester and for API keys; 409 when the request "
                    + "is not PENDING.")
    @APIResponse(
            responseCode = "200",
            description = "The rejected acceptance",
            content = @Content(schema = @Schema(implementation = AcceptanceView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public AcceptanceView reject(
            @Parameter(description = "risk id") @PathParam("id") long riskId,
            @Parameter(description = "acceptance id") @PathParam("acceptanceId") long id,
            @NotNull @Valid RejectionInput body) {
        return acceptances.reject(caller.orgId(), decider(), riskId, id, body);
    }

    private long decider() {
        if (caller.apiKeyId().isPresent()) {
            throw ApiException.forbidden("Acceptances are decided by a signed-in user, not an API key");
        }
        return caller.userId();
    }
}
