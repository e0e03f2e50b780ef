package io.riskbase.platform.ratelimit;

import io.riskbase.platform.security.TokenClaims;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;

/**
 * Every API request takes a token from its route group's bucket before anything else runs (before the body is read and
 * before the session lookup): per user when MP JWT has verified a token, per client address otherwise. Health checks,
 * /metrics and /openapi are outside the REST application and never limited. Behind a proxy, configure Liberty's
 * {@code <remoteIp>} so the address is the client's.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    @Context
    HttpServletRequest http;

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitPolicy policy;

    @Inject
    AppliedLimits applied;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!policy.enabled()) {
            return;
        }
        String group = policy.groupOf(
                request.getMethod(), request.getUriInfo().getRequestUri().getRawPath());
        limiter.enforce(group, subject(request));
    }

    private String subject(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext() == null
                ? null
                : request.getSecurityContext().getUserPrincipal();
        return TokenClaims.of(principal)
                .filter(claims -> claims.subject() != null)
                .map(claims -> "u:" + claims.subject())
                .orElseGet(() -> "a:" + http.getRemoteAddr());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Decision decision = applied.tightest();
        if (decision != null) {
            decision.headers().forEach(response.getHeaders()::putSingle);
        }
    }
}
