package io.riskbase.platform.ratelimit;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.errors.Problems;
import io.riskbase.platform.security.ApiKeyPrincipal;
import io.riskbase.platform.security.TokenClaims;
import io.riskbase.platform.security.WarmupSession;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every API request takes a token from its route group's bucket: per user when a token has been verified, per API key
 * for a key's requests, per client address otherwise. The group is chosen from the resource method JAX-RS matched (its
 * path template, see {@link MatchedEndpoint}), never from the raw path, so no spelling of a path escapes its endpoint's
 * group. This is the first filter after matching: it runs before the body is read and before the session lookup. A
 * request that matches no resource method (404, 405) never reaches it and is charged by method ({@code read} or
 * {@code write}) on its way out, its answer becoming a 429 if that bucket is empty, so a flood of unmatched requests is
 * limited too. Health checks, /metrics and /openapi are outside the REST application and never limited. Behind a proxy,
 * configure Liberty's {@code <remoteIp>} so the address is the client's.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 200)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    @Context
    HttpServletRequest http;

    @Context
    ResourceInfo resource;

    @Context
    Application application;

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitPolicy policy;

    @Inject
    AppliedLimits applied;

    @Inject
    WarmupSession warmup;

    private final ConcurrentHashMap<Method, String> groups = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        if (!policy.enabled()) {
            return;
        }
        if (isWarmup(request)) {
            return;
        }
        Method method = resource.getResourceMethod();
        String group = method == null
                ? policy.groupOf(request.getMethod(), null)
                : groups.computeIfAbsent(method, m -> policy.groupOf(request.getMethod(), template(m)));
        limiter.enforce(group, subject(request));
    }

    /** The node's own warm-up requests (before it is ready) would drain one bucket and warm only the 429 path. */
    private boolean isWarmup(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext() == null
                ? null
                : request.getSecurityContext().getUserPrincipal();
        return TokenClaims.of(principal)
                .map(claims -> warmup.accepts(claims.sessionId()))
                .orElse(false);
    }

    private String template(Method method) {
        String base = MatchedEndpoint.applicationPath(application == null ? null : application.getClass());
        return MatchedEndpoint.template(
                base != null ? base : http.getServletPath(), resource.getResourceClass(), method);
    }

    private String subject(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext() == null
                ? null
                : request.getSecurityContext().getUserPrincipal();
        applied.clientAddress(http.getRemoteAddr());
        if (principal instanceof ApiKeyPrincipal key) {
            return "k:" + key.keyId();
        }
        return TokenClaims.of(principal)
                .filter(claims -> claims.subject() != null)
                .map(claims -> "u:" + claims.subject())
                .orElseGet(() -> "a:" + http.getRemoteAddr());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (policy.enabled() && applied.tightest() == null) {
            chargeUnmatched(request, response);
        }
        Decision decision = applied.tightest();
        if (decision != null) {
            decision.headers().forEach(response.getHeaders()::putSingle);
        }
    }

    /** A request that never reached a resource method (no match, or refused before matching) pays by its method. */
    private void chargeUnmatched(ContainerRequestContext request, ContainerResponseContext response) {
        try {
            limiter.enforce(policy.groupOf(request.getMethod(), null), subject(request));
        } catch (ApiException rejected) {
            Response problem = Problems.response(rejected.status(), rejected.getMessage());
            response.setStatus(problem.getStatus());
            response.setEntity(problem.getEntity(), null, problem.getMediaType());
        }
    }
}
