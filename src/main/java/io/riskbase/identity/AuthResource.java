package io.riskbase.identity;

import io.riskbase.identity.IdentityRequests.Login;
import io.riskbase.identity.IdentityRequests.Signup;
import io.riskbase.identity.IdentityViews.SignupView;
import io.riskbase.identity.IdentityViews.TokenView;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.web.NoStore;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/")
@NoStore
@Tag(name = "identity")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    AuthService auth;

    @Inject
    SessionService sessions;

    @Inject
    Caller caller;

    @POST
    @Path("signup")
    @PermitAll
    @Operation(operationId = "signup", summary = "Create an organization and its first ADMIN")
    @APIResponse(
            responseCode = "201",
            description = "Organization and user created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SignupView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "403", description = "Sign-up is by invitation only, or closed (RISKBASE_SIGNUP)")
    @APIResponse(
            responseCode = "409",
            description = "The account could not be created with these details (one answer for a taken e-mail and a "
                    + "taken slug)")
    public Response signup(@NotNull @Valid Signup request) {
        SignupView created = auth.signup(request);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @POST
    @Path("auth/login")
    @PermitAll
    @Operation(operationId = "login", summary = "Exchange e-mail and password for a bearer token")
    @APIResponse(responseCode = "200", description = "Token issued")
    @APIResponse(responseCode = "401", description = "Unknown e-mail, wrong password or disabled user")
    @APIResponse(
            responseCode = "403",
            description = "Right password, but the organization allows single sign-on only (password_login off)")
    public TokenView login(@NotNull @Valid Login request) {
        return auth.login(request);
    }

    // no body to negotiate: whatever a client accepts (a generated one asks for problem+json only)
    @Produces(MediaType.WILDCARD)
    @POST
    @Path("auth/logout")
    @Consumes(MediaType.WILDCARD)
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "logout", summary = "Revoke the caller's token at once")
    @APIResponse(responseCode = "204", description = "Session revoked")
    @APIResponse(responseCode = "400", description = "Called with an API key, which has no session")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Response logout() {
        if (caller.apiKeyId().isPresent()) {
            throw ApiException.badRequest(
                    "An API key has no session to end: revoke it with DELETE /api/v1/api-keys/{id}");
        }
        sessions.revoke(caller.orgId(), caller.tokenId());
        return Response.noContent().build();
    }
}
