package io.riskbase.platform.security;

import io.riskbase.platform.errors.ApiException;
import java.security.Principal;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The claims Riskbase reads from a token it has verified: the one place that knows their names. The tenant comes only
 * from here, never from a request parameter.
 *
 * @param subject the user id as the token states it
 * @param orgId the organization claim, empty when the token carries none
 * @param sessionId the token id ({@code jti}), which names the session behind the token
 * @param groups the roles ({@link Role} names) of the user
 * @param expiresAt expiry in epoch seconds
 */
public record TokenClaims(String subject, OptionalLong orgId, String sessionId, Set<String> groups, long expiresAt) {

    /** Claim naming the organization (tenant) of the token's user. */
    public static final String ORG = "org_id";

    /** The claims of a request whose token was verified; empty for an anonymous one or one with an API key. */
    public static Optional<TokenClaims> of(Principal principal) {
        return principal instanceof TokenPrincipal token ? Optional.of(token.claims()) : Optional.empty();
    }

    public long requireOrgId() {
        return orgId.orElseThrow(() -> ApiException.unauthorized("The token carries no organization"));
    }

    public long requireUserId() {
        try {
            return Long.parseLong(subject);
        } catch (NumberFormatException e) {
            throw ApiException.unauthorized("The token carries no user");
        }
    }

    public boolean hasRole(Role role) {
        return groups.contains(role.name());
    }
}
