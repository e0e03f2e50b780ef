package io.riskbase.platform.security;

import java.security.Principal;
import java.util.Set;

/**
 * A request authenticated by an API key rather than a user's token: the key acts inside its organization, on behalf of
 * the user who created it (for "changed by" columns), with its scopes only.
 *
 * @param keyId the key's id: its own rate-limit bucket and the actor the audit log names
 * @param orgId the key's organization, the only tenant it can reach
 * @param userId the key's creator, recorded where a change needs a user
 * @param scopes what the key may do ({@link ApiScopes})
 */
public record ApiKeyPrincipal(long keyId, long orgId, long userId, Set<String> scopes) implements Principal {

    public ApiKeyPrincipal {
        scopes = Set.copyOf(scopes);
    }

    @Override
    public String getName() {
        return "api-key:" + keyId;
    }
}
