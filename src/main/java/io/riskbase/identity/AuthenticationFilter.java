package io.riskbase.identity;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.ApiKeyPrincipal;
import io.riskbase.platform.security.TokenClaims;
import io.riskbase.platform.security.WarmupSession;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * Every endpoint needs a live session unless it is marked {@code @PermitAll}: {@link TokenAuthenticator} has already
 * checked the signature and expiry; here the token's session must also not be revoked (logout). Runs before the role
 * check, so a missing or revoked token is a 401, never a 403.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    @Inject
    SessionService sessions;

    @Inject
    WarmupSession warmup;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() instanceof ApiKeyPrincipal) {
            return; // verified by ApiKeyAuthenticator
        }
        Optional<TokenClaims> token =
                TokenClaims.of(request.getSecurityContext().getUserPrincipal());
        if (token.isPresent()) {
            TokenClaims claims = token.get();
            // the warm-up's session has no row: it is asked for like any other (the L1 lookup is what gets warmed)
            if (!sessions.isLive(claims.requireOrgId(), claims.sessionId()) && !warmup.accepts(claims.sessionId())) {
                throw ApiException.unauthorized("The session of this token has ended (logged out or expired)");
            }
            return;
        }
        if (!isPublic()) {
            throw ApiException.unauthorized("A valid bearer token is required");
        }
    }

    private boolean isPublic() {
        return resourceInfo.getResourceMethod() != null
                && (resourceInfo.getResourceMethod().isAnnotationPresent(PermitAll.class)
                        || resourceInfo.getResourceClass().isAnnotationPresent(PermitAll.class));
    }
}
