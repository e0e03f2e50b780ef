package io.riskbase.identity;

import io.riskbase.platform.security.ApiScopes;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.TokenClaims;
import io.riskbase.platform.security.TokenPrincipal;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;

/**
 * Authenticates {@code Authorization: Bearer <access token>} ({@code rbk_…} keys are {@link ApiKeyAuthenticator}'s). A
 * presented token must verify ({@link TokenService#verify}), on public endpoints too: a bad token is a 401, never
 * silently anonymous. Runs before the rate limiter, so a user's requests fill the user's own bucket, and before
 * {@link AuthenticationFilter}, which checks that the token's session is still live. Roles are the token's groups,
 * which {@code @RolesAllowed} reads through the security context set here.
 *
 * <p>This replaces Liberty's mpJwt: its trust association ran on every request and cost about as much as the rest of a
 * cached read (docs/benchmarks.md), while a token seen before costs a map lookup here.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 300)
public class TokenAuthenticator implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    @Inject
    TokenService tokens;

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return;
        }
        String token = authorization.substring(BEARER.length()).strip();
        if (token.startsWith(ApiScopes.PREFIX)) {
            return;
        }
        TokenClaims claims = tokens.verify(token);
        request.setSecurityContext(new TokenContext(new TokenPrincipal(claims), request.getSecurityContext()));
        caller.authenticatedByToken(claims);
    }

    private record TokenContext(TokenPrincipal principal, SecurityContext original) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public boolean isUserInRole(String role) {
            return principal.claims().groups().contains(role);
        }

        @Override
        public boolean isSecure() {
            return original != null && original.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
