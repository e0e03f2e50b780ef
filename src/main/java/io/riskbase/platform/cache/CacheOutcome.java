package io.riskbase.platform.cache;

import jakarta.enterprise.context.RequestScoped;

/**
 * What the cache did for the current request: the tier that answered the last cached call (for
 * Server-Timing) and, when exactly one non-session cached call made the response, its ETag.
 */
@RequestScoped
public class CacheOutcome {

    private String tier;
    private String etag;
    private int responseCalls;

    void record(String namespace, String tier, String etag) {
        this.tier = tier;
        if (!CacheManager.SESSION_NAMESPACE.equals(namespace)) {
            responseCalls++;
            this.etag = etag;
        }
    }

    public String tier() {
        return tier;
    }

    /** The ETag of the cached value the response was made from, or null when none or several. */
    public String etag() {
        return responseCalls == 1 ? etag : null;
    }
}
