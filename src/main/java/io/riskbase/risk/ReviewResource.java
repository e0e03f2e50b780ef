package io.riskbase.risk;

import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.risk.RiskViews.ReviewInput;
import io.riskbase.risk.RiskViews.ReviewView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/** Periodic reviews of one risk. VIEWER reads; ANALYST and ADMIN record reviews. */
@ApplicationScoped
@Path("/risks/" + RiskResource.ID + "/reviews")
@Tag(name = "risks")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME, Role.APPROVER_NAME})
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class ReviewResource {

    @Inject
    Caller caller;

    @Inject
    RiskService risks;

    @GET
    @Operation(operationId = "listRiskReviews", summary = "Reviews of a risk", description = "Newest first.")
    @APIResponse(
            responseCode = "200",
            description = "One page of reviews",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ReviewView.class)),
            headers =
                    @Header(
                            name = "X-Total-Count",
                            description = "reviews of this risk",
                            schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response list(
            @Parameter(description = "risk id") @PathParam("id") long riskId,
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        return Page.fromCache(() -> risks.reviews(caller.orgId(), riskId, paging));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            operationId = "reviewRisk",
            summary = "Record a review (ADMIN, ANALYST)",
            description = "Moves the risk's next_review_at to now + the review interval of its residual level and "
                    + "writes a REVIEWED history entry with the note. A CLOSED risk is not reviewed (409).")
    @APIResponse(
            responseCode = "201",
            description = "The recorded review",
            content = @Content(schema = @Schema(implementation = ReviewView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response review(@Parameter(description = "risk id") @PathParam("id") long riskId, @Valid ReviewInput body) {
        return Response.status(Response.Status.CREATED)
                .entity(risks.review(caller.orgId(), caller.userId(), riskId, body))
                .build();
    }
}
