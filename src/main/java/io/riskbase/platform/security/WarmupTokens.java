package io.riskbase.platform.security;

/** Issues the bearer token of a node's {@link WarmupSession} (implemented by the feature that issues tokens). */
public interface WarmupTokens {

    /** A token for a VIEWER of {@link WarmupSession#ORG} with token id {@code jti}, valid for {@code seconds}. */
    String issue(String jti, long seconds);
}
