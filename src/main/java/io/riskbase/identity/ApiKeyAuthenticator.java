package io.riskbase.identity;

import io.riskbase.identity.ApiKeyViews.ApiKeyGrant;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.errors.NotFoundException;
import io.riskbase.platform.security.ApiKeyPrincipal;
import io.riskbase.platform.security.ApiScopes;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Authenticates {@code Authorization: Bearer rbk_…} (access tokens are {@link TokenAuthenticator}'s). Runs before the
 * rate limiter, so a key's requests fill the key's own bucket. The key is looked up in the cache
 * ({@link ApiKeyService#grant}); on a warm node that costs no database round trip. The request then carries an
 * {@link ApiKeyPrincipal} whose roles are whatever the endpoint asks for when one of the key's scopes covers it
 * ({@link ApiScopes#allows}) and none otherwise (403).
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 300)
public class ApiKeyAuthenticator implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    @Context
    HttpServletRequest http;

    @Inject
    ApiKeyService keys;

    @Inject
    ApiKeyUsage usage;

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        String presented = ApiKeyService.bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .orElse(null);
        if (presented == null) {
            return;
        }
        OptionalLong orgId = ApiKeyService.orgOf(presented);
        if (orgId.isEmpty()) {
            throw invalid();
        }
        ApiKeyGrant grant;
        try {
            grant = keys.grant(orgId.getAsLong(), ApiKeyService.hash(presented));
        } catch (NotFoundException e) {
            throw invalid();
        }
        if (grant.expiresAt() != 0 && grant.expiresAt() <= Instant.now().getEpochSecond()) {
            throw invalid();
        }
        ApiKeyPrincipal principal = new ApiKeyPrincipal(
                grant.id(), orgId.getAsLong(), grant.createdBy(), creatorRole(grant), Set.copyOf(grant.scopes()));
        boolean allowed =
                ApiScopes.allows(principal.scopes(), request.getUriInfo().getPath(), request.getMethod());
        request.setSecurityContext(new KeyContext(principal, allowed, request.getSecurityContext()));
        caller.authenticatedByKey(principal);
        usage.used(principal.orgId(), principal.keyId(), http.getRemoteAddr());
        if (!allowed && !isPublic()) {
            throw ApiException.forbidden("The API key's scopes do not cover this endpoint");
        }
    }

    /**
     * An entry cached by a release that did not record the creator's role (for at most the namespace's TTL after an
     * upgrade) is judged as that release judged it: by scopes alone, which is what an ADMIN creator allows.
     */
    private static Role creatorRole(ApiKeyGrant grant) {
        return grant.creatorRole() == null ? Role.ADMIN : grant.creatorRole();
    }

    /** One answer for a key that is malformed, unknown, revoked or expired. */
    private static ApiException invalid() {
        return ApiException.unauthorized("The API key is unknown, revoked or expired");
    }

    private boolean isPublic() {
        return resourceInfo.getResourceMethod() != null
                && (resourceInfo.getResourceMethod().isAnnotationPresent(PermitAll.class)
                        || resourceInfo.getResourceClass().isAnnotationPresent(PermitAll.class));
    }

    private record KeyContext(ApiKeyPrincipal principal, boolean allowed, SecurityContext original)
            implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public boolean isUserInRole(String role) {
            return allowed && principal.actsAs(role);
        }

        @Override
        public boolean isSecure() {
            return original != null && original.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
