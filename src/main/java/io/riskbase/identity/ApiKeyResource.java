package io.riskbase.identity;

import io.riskbase.identity.ApiKeyViews.ApiKeyView;
import io.riskbase.identity.ApiKeyViews.NewApiKey;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.NoStore;
import io.riskbase.platform.web.PageRequest;
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

/** API keys (service accounts) of the caller's organization: ADMIN, or a key with the {@code admin} scope. */
@ApplicationScoped
@Path("/api-keys")
@NoStore
@Tag(name = "api-keys")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed(Role.ADMIN_NAME)
public class ApiKeyResource {

    @Inject
    Caller caller;

    @Inject
    ApiKeyService keys;

    @GET
    @Operation(operationId = "listApiKeys", summary = "List API keys of the organization, live and revoked")
    @APIResponse(
            responseCode = "200",
            description = "One page of keys (without their secrets)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = ApiKeyView.class)),
            headers =
                    @Header(
                            name = "X-Total-Count",
                            description = "keys of the organization",
                            schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response list(
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        return keys.list(caller.orgId(), PageRequest.of(page, size)).toResponse();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createApiKey",
            summary = "Create an API key with a name, scopes and an optional expiry; the answer holds the secret, "
                    + "shown this once")
    @APIResponse(
            responseCode = "201",
            description = "Key created; send its secret as Authorization: Bearer rbk_…",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response create(@NotNull @Valid NewApiKey body, @Context UriInfo uri) {
        ApiKeyView created = keys.create(caller.orgId(), caller.userId(), body);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Long.toString(created.id()))
                        .build())
                .entity(created)
                .build();
    }

    @DELETE
    @Path("{id: [0-9]{1,18}}")
    @Operation(
            operationId = "revokeApiKey",
            summary = "Revoke an API key: every node rejects it within the cache invalidation bound")
    @APIResponse(
            responseCode = "200",
            description = "Revoked (revoking a revoked key changes nothing)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public ApiKeyView revoke(@PathParam("id") long id) {
        return keys.revoke(caller.orgId(), id);
    }
}
