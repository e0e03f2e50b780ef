package io.riskbase.platform.cache;

import jakarta.enterprise.context.RequestScoped;

/**
 * The ETag of the cached value the current response was made from: set when exactly one
 * non-session cached call answered the request, for {@link HttpCachingFilter}.
 */
@RequestScoped
public class CacheOutcome {

    private String etag;
    private int responseCalls;

    void record(String namespace, String etag) {
        if (!CacheManager.SESSION_NAMESPACE.equals(namespace)) {
            responseCalls++;
            this.etag = etag;
        }
    }

    /** The ETag of the cached value the response was made from, or null when none or several. */
    public String etag() {
        return responseCalls == 1 ? etag : null;
    }
}
