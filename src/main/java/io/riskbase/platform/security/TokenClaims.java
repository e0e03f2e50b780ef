package io.riskbase.platform.security;

import io.riskbase.platform.errors.ApiException;
import jakarta.json.JsonNumber;
import java.security.Principal;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The claims Riskbase reads from a token MicroProfile JWT has verified: the one place that knows their names and types.
 * The tenant comes only from here, never from a request parameter.
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

    /** Tokens are issued for hours at most: 20,000 live ones is far more than a node serves at once. */
    private static final VerifiedTokens<TokenClaims> VERIFIED =
            new VerifiedTokens<>(20_000, () -> System.currentTimeMillis() / 1000);

    /**
     * The claims of a request MP JWT authenticated; empty for an anonymous one. Read once per token
     * ({@link VerifiedTokens}): every filter of a request, and every request with the same token, share them.
     */
    public static Optional<TokenClaims> of(Principal principal) {
        if (principal instanceof JsonWebToken jwt && jwt.getRawToken() != null) {
            return Optional.of(VERIFIED.claims(jwt.getRawToken(), raw -> read(jwt), TokenClaims::expiresAt));
        }
        return Optional.empty();
    }

    private static TokenClaims read(JsonWebToken jwt) {
        return new TokenClaims(
                jwt.getSubject(),
                org(jwt.getClaim(ORG)),
                jwt.getTokenID(),
                jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups()),
                jwt.getExpirationTime());
    }

    private static OptionalLong org(Object claim) {
        if (claim instanceof JsonNumber n) {
            return OptionalLong.of(n.longValue());
        }
        return claim instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
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
