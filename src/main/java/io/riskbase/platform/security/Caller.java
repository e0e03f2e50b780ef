package io.riskbase.platform.security;

import io.riskbase.platform.errors.ApiException;
import jakarta.enterprise.context.RequestScoped;
import java.util.OptionalLong;

/**
 * Who is calling, taken only from the verified token or API key: the tenant is never a request parameter. The filter
 * that verified the request's credentials tells it; asked on a request without any, it answers 401.
 */
@RequestScoped
public class Caller {

    private TokenClaims claims;
    private ApiKeyPrincipal key;

    /** Called once by the filter that verified a bearer token: the request acts as that token's user. */
    public void authenticatedByToken(TokenClaims claims) {
        this.claims = claims;
    }

    /** Called once by the filter that verified an API key: the request acts as that key. */
    public void authenticatedByKey(ApiKeyPrincipal key) {
        this.key = key;
    }

    /** Whether the request carries a verified token or API key. */
    public boolean isAuthenticated() {
        return key != null || claims != null;
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
        return key != null ? key.isAdmin() : claims().hasRole(Role.ADMIN);
    }

    /** The API key the request authenticated with, if it did. */
    public OptionalLong apiKeyId() {
        return key != null ? OptionalLong.of(key.keyId()) : OptionalLong.empty();
    }

    private TokenClaims claims() {
        if (claims == null) {
            throw ApiException.unauthorized("A valid bearer token is required");
        }
        return claims;
    }
}
