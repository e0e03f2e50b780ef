package io.riskbase.identity;

import io.riskbase.platform.errors.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import java.util.OptionalLong;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, taken only from the verified token: the tenant is never a request parameter.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken jwt;

    public long orgId() {
        Object claim = requireToken().getClaim(TokenService.ORG_CLAIM);
        if (claim instanceof JsonNumber n) {
            return n.longValue();
        }
        if (claim instanceof Number n) {
            return n.longValue();
        }
        throw ApiException.unauthorized("The token carries no organization");
    }

    /** The tenant of a verified token, or empty for an anonymous request (timing and logs only; never for access). */
    public OptionalLong orgIdIfAuthenticated() {
        if (jwt == null || jwt.getRawToken() == null) {
            return OptionalLong.empty();
        }
        Object claim = jwt.getClaim(TokenService.ORG_CLAIM);
        if (claim instanceof JsonNumber n) {
            return OptionalLong.of(n.longValue());
        }
        return claim instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    public long userId() {
        try {
            return Long.parseLong(requireToken().getSubject());
        } catch (NumberFormatException e) {
            throw ApiException.unauthorized("The token carries no user");
        }
    }

    public String tokenId() {
        return requireToken().getTokenID();
    }

    public boolean isAdmin() {
        return requireToken().getGroups().contains(Role.ADMIN_NAME);
    }

    private JsonWebToken requireToken() {
        if (jwt == null || jwt.getRawToken() == null) {
            throw ApiException.unauthorized("A valid bearer token is required");
        }
        return jwt;
    }
}
