package io.riskbase.identity;

import io.riskbase.identity.IdentityRequests.NewUser;
import io.riskbase.identity.IdentityRequests.UserPatch;
import io.riskbase.identity.IdentityViews.UserView;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** Users of the caller's organization (ADMIN only). */
@ApplicationScoped
@Path("/users")
@Tag(name = "users")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed(Role.ADMIN_NAME)
public class UserResource {

    @Inject
    Caller caller;

    @Inject
    UserService users;

    @GET
    @Operation(operationId = "listUsers", summary = "List users of the organization")
    @APIResponse(
            responseCode = "200",
            description = "One page of users",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = UserView.class)),
            headers =
                    @Header(
                            name = "X-Total-Count",
                            description = "users in the organization",
                            schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response list(
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        return Page.fromCache(() -> users.list(caller.orgId(), paging));
    }

    @GET
    @Path("{id: [0-9]{1,18}}")
    @Operation(operationId = "getUser", summary = "One user of the organization")
    @APIResponse(
            responseCode = "200",
            description = "The user",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    public UserView get(@PathParam("id") long id) {
        return users.get(caller.orgId(), id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUser", summary = "Add a user to the organization")
    @APIResponse(
            responseCode = "201",
            description = "User created",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(
            responseCode = "409",
            description = "The account could not be created with these details (the same answer as sign-up's)")
    public Response create(@NotNull @Valid NewUser body, @Context UriInfo uri) {
        UserView created = users.create(caller.orgId(), body);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Long.toString(created.id()))
                        .build())
                .entity(created)
                .build();
    }

    @PATCH
    @Path("{id: [0-9]{1,18}}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(
            operationId = "updateUser",
            summary = "Change a user's name, role, status or password; revokes their sessions when role, "
                    + "status or password change")
    @APIResponse(
            responseCode = "200",
            description = "The changed user",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", description = "The organization would be left without an active ADMIN")
    public UserView update(@PathParam("id") long id, @NotNull @Valid UserPatch body) {
        return users.update(caller.orgId(), caller.userId(), id, body);
    }

    // no body to negotiate: whatever a client accepts (a generated one asks for problem+json only)
    @Produces(MediaType.WILDCARD)
    @DELETE
    @Path("{id: [0-9]{1,18}}")
    @Operation(operationId = "deleteUser", summary = "Delete a user of the organization")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", description = "Deleting yourself, or the last active ADMIN")
    public Response delete(@PathParam("id") long id) {
        users.delete(caller.orgId(), caller.userId(), id);
        return Response.noContent().build();
    }
}
