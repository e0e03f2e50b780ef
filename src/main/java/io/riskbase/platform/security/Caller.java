package io.riskbase.platform.security;

import io.riskbase.platform.errors.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, taken only from the verified token: the tenant is never a request parameter. Ask it only on requests
 * MP JWT authenticated (resources behind {@code @RolesAllowed}); filters that see anonymous requests read
 * {@link TokenClaims#of} of the request's principal instead.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken jwt;

    private TokenClaims claims;

    public long orgId() {
        return claims().requireOrgId();
    }

    public long userId() {
        return claims().requireUserId();
    }

    public String tokenId() {
        return claims().sessionId();
    }

    public boolean isAdmin() {
        return claims().hasRole(Role.ADMIN);
    }

    private TokenClaims claims() {
        if (claims == null) {
            claims = TokenClaims.of(jwt)
                    .orElseThrow(() -> ApiException.unauthorized("A valid bearer token is required"));
        }
        return claims;
    }
}
