package io.riskbase.identity;

import io.riskbase.identity.IdentityViews.TokenView;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.NoStore;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Single sign-on through OpenID Connect. The code flow is Liberty's own openidConnectClient-1.0, which guards only
 * {@code /api/v1/auth/sso/oidc/{provider}/…} (its authFilter, liberty/sso/on.xml; web.xml marks that path protected so
 * the client's interceptor runs); bearer tokens and API keys everywhere else are checked by the application's own
 * filters.
 */
@Path("/")
@NoStore
@Tag(name = "identity")
@Produces(MediaType.APPLICATION_JSON)
public class SsoResource {

    private static final Logger LOG = Logger.getLogger(SsoResource.class.getName());
    static final String OIDC_PATH = "auth/sso/oidc";

    @Inject
    Caller caller;

    @Inject
    SsoService sso;

    @Inject
    SsoLogin login;

    @Context
    HttpServletRequest servletRequest;

    static String loginPath(String slug) {
        return "/api/v1/auth/sso/" + slug + "/login";
    }

    @GET
    @Path("organization/sso")
    @RolesAllowed(Role.ADMIN_NAME)
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "getSso", summary = "The organization's single sign-on settings")
    @APIResponse(
            responseCode = "200",
            description = "Settings",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SsoSettings.View.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", description = "Single sign-on is not set up")
    public SsoSettings.View get() {
        return sso.get(caller.orgId()).orElseThrow(() -> ApiException.notFound("Single sign-on configuration"));
    }

    @PUT
    @Path("organization/sso")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    @SecurityRequirement(name = "bearer")
    @Operation(
            operationId = "putSso",
            summary = "Set up or change single sign-on: provider, issuer, groups claim, group → role mapping, and "
                    + "whether password login stays allowed")
    @APIResponse(
            responseCode = "200",
            description = "Settings stored",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SsoSettings.View.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", description = "The issuer is used by another organization")
    public SsoSettings.View put(@NotNull @Valid SsoSettings.Update update) {
        return sso.replace(caller.orgId(), update);
    }

    @Produces(MediaType.WILDCARD)
    @DELETE
    @Path("organization/sso")
    @RolesAllowed(Role.ADMIN_NAME)
    @SecurityRequirement(name = "bearer")
    @Operation(operationId = "deleteSso", summary = "Turn single sign-on off (password login is allowed again)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", description = "Single sign-on is not set up")
    public Response delete() {
        sso.delete(caller.orgId());
        return Response.noContent().build();
    }

    @GET
    @Path("auth/sso/{slug}/login")
    @PermitAll
    @Operation(
            operationId = "startSso",
            summary = "Start single sign-on for an organization: redirects to its identity provider (browser)")
    @APIResponse(responseCode = "303", description = "To the provider's sign-in, through Liberty's OIDC client")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", description = "The organization has no single sign-on")
    public Response start(
            @PathParam("slug") @Pattern(regexp = IdentityRequests.SLUG, message = "is not an organization slug")
                    String slug) {
        String provider = login.providerOf(slug);
        // relative: resolved against /api/v1/, so the redirect stays on the host and scheme the browser used
        return Response.seeOther(URI.create(OIDC_PATH + "/" + provider + "/" + slug))
                .build();
    }

    @GET
    @Path(OIDC_PATH + "/{provider}/{slug}")
    @PermitAll
    @Operation(
            operationId = "completeSso",
            summary = "Where the provider's sign-in ends: answers a Riskbase bearer token as JSON")
    @APIResponse(
            responseCode = "200",
            description = "Token issued; the user was provisioned or updated with the role their groups map to",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TokenView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", description = "No OpenID Connect sign-in took place")
    @APIResponse(
            responseCode = "403",
            description = "The ID token is not for this organization, or the user's groups map to no role")
    @APIResponse(responseCode = "404", description = "The organization has no single sign-on")
    public Response complete(
            @PathParam("provider") @Pattern(regexp = SsoSettings.PROVIDER_ID, message = "is not a provider id")
                    String provider,
            @PathParam("slug") @Pattern(regexp = IdentityRequests.SLUG, message = "is not an organization slug")
                    String slug) {
        try {
            Response.ResponseBuilder answer = Response.ok(login.complete(provider, slug, SsoIdToken.current()));
            // Liberty's client keeps the sign-in in its own cookies; dropped here so this browser cannot come back
            // for another token without the provider
            if (servletRequest.getCookies() != null) {
                for (Cookie cookie : servletRequest.getCookies()) {
                    if (cookie.getName().startsWith("WASOidc")
                            || cookie.getName().startsWith("WASReqURLOidc")) {
                        answer.header(
                                HttpHeaders.SET_COOKIE,
                                cookie.getName() + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax");
                    }
                }
            }
            return answer.build();
        } finally {
            // the container's authenticated session ends here: from now on the caller holds a Riskbase token only
            try {
                servletRequest.logout();
            } catch (ServletException e) {
                LOG.fine(() -> "logout after single sign-on: " + e);
            }
        }
    }
}
