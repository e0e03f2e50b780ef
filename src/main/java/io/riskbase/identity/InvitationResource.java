package io.riskbase.identity;

import io.riskbase.identity.IdentityRequests.AcceptInvitation;
import io.riskbase.identity.IdentityRequests.NewInvitation;
import io.riskbase.identity.IdentityViews.InvitationView;
import io.riskbase.identity.IdentityViews.UserView;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.NoStore;
import io.riskbase.platform.web.PageRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** Invitations to the caller's organization (ADMIN), and their acceptance (public: the token is the credential). */
@ApplicationScoped
@Path("/invitations")
@NoStore
@Tag(name = "users")
@Produces(MediaType.APPLICATION_JSON)
public class InvitationResource {

    @Inject
    Caller caller;

    @Inject
    InvitationService invitations;

    @Inject
    AuthService auth;

    @GET
    @RolesAllowed(Role.ADMIN_NAME)
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "listInvitations", summary = "List invitations of the organization, pending and used")
    @APIResponse(
            responseCode = "200",
            description = "One page of invitations (without their tokens)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = InvitationView.class)),
            headers =
                    @Header(
                            name = "X-Total-Count",
                            description = "invitations of the organization",
                            schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response list(
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        return invitations.list(caller.orgId(), PageRequest.of(page, size)).toResponse();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    @SecurityRequirement(name = "bearer")
    @Operation(
            operationId = "createInvitation",
            summary = "Invite an e-mail address to join the organization with a role; the answer holds the token, "
                    + "shown this once")
    @APIResponse(
            responseCode = "201",
            description = "Invitation created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = InvitationView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response create(@NotNull @Valid NewInvitation body, @Context UriInfo uri) {
        InvitationView created = invitations.create(caller.orgId(), caller.userId(), body);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Long.toString(created.id()))
                        .build())
                .entity(created)
                .build();
    }

    // no body to negotiate: whatever a client accepts (a generated one asks for problem+json only)
    @Produces(MediaType.WILDCARD)
    @DELETE
    @Path("{id: [0-9]{1,18}}")
    @RolesAllowed(Role.ADMIN_NAME)
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "revokeInvitation", summary = "Revoke an invitation: its token opens nothing any more")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response revoke(@PathParam("id") long id) {
        invitations.revoke(caller.orgId(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    @Operation(
            operationId = "acceptInvitation",
            summary = "Join the inviting organization with the invited role; then log in with the e-mail and password")
    @APIResponse(
            responseCode = "201",
            description = "User created",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, or a token unknown, expired, revoked or used")
    @APIResponse(
            responseCode = "409",
            description = "The account could not be created with these details (the same answer as sign-up's)")
    public Response accept(@NotNull @Valid AcceptInvitation body) {
        return Response.status(Response.Status.CREATED)
                .entity(auth.accept(body))
                .build();
    }
}
