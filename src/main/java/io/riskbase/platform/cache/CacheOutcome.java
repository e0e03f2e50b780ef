package io.riskbase.platform.cache;

import jakarta.enterprise.context.RequestScoped;

/**
 * The ETag of the cached value the current response was made from: set when exactly one cached call of a namespace that
 * describes responses ({@link Namespace#etag()}) answered the request, for {@link HttpCachingFilter}.
 */
@RequestScoped
public class CacheOutcome {

    private String etag;
    private int responseCalls;

    void record(String etag) {
        responseCalls++;
        this.etag = etag;
    }

    /** The ETag of the cached value the response was made from, or null when none or several. */
    public String etag() {
        return responseCalls == 1 ? etag : null;
    }
}
