package io.riskbase.platform.security;

import java.security.Principal;

/** The caller of a request whose bearer token was verified: its claims, nothing else. */
public record TokenPrincipal(TokenClaims claims) implements Principal {

    @Override
    public String getName() {
        return claims.subject();
    }
}
