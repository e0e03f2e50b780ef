package io.riskbase.platform.security;

import java.security.Principal;
import java.util.Set;

/**
 * A request authenticated by an API key rather than a user's token: the key acts inside its organization, on behalf of
 * the user who created it (for "changed by" columns), with its scopes only — and never beyond what its creator's role
 * allows now: a key made by an ADMIN who is now a VIEWER passes only the role checks a VIEWER passes.
 *
 * @param keyId the key's id: its own rate-limit bucket and the actor the audit log names
 * @param orgId the key's organization, the only tenant it can reach
 * @param userId the key's creator, recorded where a change needs a user
 * @param creatorRole the creator's role as it is now
 * @param scopes what the key may do ({@link ApiScopes})
 */
public record ApiKeyPrincipal(long keyId, long orgId, long userId, Role creatorRole, Set<String> scopes)
        implements Principal {

    public ApiKeyPrincipal {
        scopes = Set.copyOf(scopes);
    }

    /** Whether the key may pass a role check naming {@code role}: its creator holds it now. */
    public boolean actsAs(String role) {
        return creatorRole.name().equals(role);
    }

    /** Whether the key acts with full rights: an {@value ApiScopes#ADMIN} key of a creator who is still an ADMIN. */
    public boolean isAdmin() {
        return creatorRole == Role.ADMIN && scopes.contains(ApiScopes.ADMIN);
    }

    @Override
    public String getName() {
        return "api-key:" + keyId;
    }
}
