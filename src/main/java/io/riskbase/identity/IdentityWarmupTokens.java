package io.riskbase.identity;

import io.riskbase.platform.security.Role;
import io.riskbase.platform.security.WarmupSession;
import io.riskbase.platform.security.WarmupTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** Signs the warm-up token with the node's own key, so the warm-up exercises the real token check. */
@ApplicationScoped
public class IdentityWarmupTokens implements WarmupTokens {

    @Inject
    TokenService tokens;

    @Override
    public String issue(String jti, long seconds) {
        return tokens.issue(0, WarmupSession.ORG, "warmup@riskbase.invalid", Role.VIEWER, jti, Instant.now(), seconds)
                .token();
    }
}
