package io.riskbase.platform.cache;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * HTTP caching of API reads: a strong ETag (the resource's own, or the hash of the cached value the response was made
 * from), {@code 304 Not Modified} when {@code If-None-Match} matches, and {@code Cache-Control: private, no-cache}
 * because every API answer is one tenant's data.
 */
@Provider
public class HttpCachingFilter implements ContainerResponseFilter {

    @Inject
    CacheOutcome outcome;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!HttpMethod.GET.equals(request.getMethod()) && !HttpMethod.HEAD.equals(request.getMethod())) {
            return;
        }
        if (response.getStatus() != 200) {
            return;
        }
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        String etag = response.getHeaderString(HttpHeaders.ETAG);
        if (etag == null) {
            etag = cachedEtag();
            if (etag == null) {
                return;
            }
            response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        }
        if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(304);
            response.setEntity(null);
        }
    }

    private String cachedEtag() {
        try {
            return outcome.etag();
        } catch (ContextNotActiveException e) {
            return null;
        }
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
