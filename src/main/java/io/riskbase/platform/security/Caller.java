package io.riskbase.platform.security;

import io.riskbase.platform.errors.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, taken only from the verified token or API key: the tenant is never a request parameter. Ask it only
 * on requests MP JWT authenticated (resources behind {@code @RolesAllowed}); filters that see anonymous requests read
 * {@link TokenClaims#of} of the request's principal instead.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken jwt;

    private TokenClaims claims;
    private ApiKeyPrincipal key;

    /** Called once by the filter that verified an API key: the request acts as that key. */
    public void authenticatedByKey(ApiKeyPrincipal key) {
        this.key = key;
    }

    /** Whether the request carries a verified token or API key. */
    public boolean isAuthenticated() {
        return key != null || TokenClaims.of(jwt).isPresent();
    }

    public long orgId() {
        return key != null ? key.orgId() : claims().requireOrgId();
    }

    /** The user behind the request: for an API key, the user who created it. */
    public long userId() {
        return key != null ? key.userId() : claims().requireUserId();
    }

    /** The session's token id; none for an API key. */
    public String tokenId() {
        return key != null ? null : claims().sessionId();
    }

    public boolean isAdmin() {
        return key != null ? key.scopes().contains(ApiScopes.ADMIN) : claims().hasRole(Role.ADMIN);
    }

    /** The API key the request authenticated with, if it did. */
    public OptionalLong apiKeyId() {
        return key != null ? OptionalLong.of(key.keyId()) : OptionalLong.empty();
    }

    private TokenClaims claims() {
        if (claims == null) {
            claims = TokenClaims.of(jwt)
                    .orElseThrow(() -> ApiException.unauthorized("A valid bearer token is required"));
        }
        return claims;
    }
}
