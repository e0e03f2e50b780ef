package io.riskbase.platform.cache;

import jakarta.enterprise.context.RequestScoped;

/**
 * What the cache answered the current request: the slowest tier it reached ({@code miss} over {@code l2} over
 * {@code l1}: the one that explains the latency, for {@code Server-Timing}), and the ETag of the cached value the
 * response was made from, set when exactly one cached call of a namespace that describes responses
 * ({@link Namespace#etag()}) answered, for {@link HttpCachingFilter}. One bean, so that a cached call reports with one
 * request-scoped lookup.
 */
@RequestScoped
public class CacheOutcome {

    private String tier;
    private String etag;
    private int responseCalls;

    /** {@code etag}: the answer's ETag when its namespace describes responses, else null. */
    void record(String answeredFrom, String etag) {
        if (rank(answeredFrom) > rank(tier)) {
            tier = answeredFrom;
        }
        if (etag != null) {
            responseCalls++;
            this.etag = etag;
        }
    }

    /** The slowest cache tier this request reached, or null when it used no cache. */
    public String tier() {
        return tier;
    }

    /** The ETag of the cached value the response was made from, or null when none or several. */
    public String etag() {
        return responseCalls == 1 ? etag : null;
    }

    private static int rank(String tier) {
        if (tier == null) {
            return 0;
        }
        return switch (tier) {
            case TieredCache.TIER_L1 -> 1;
            case TieredCache.TIER_L2 -> 2;
            case TieredCache.TIER_MISS -> 3;
            default -> 0;
        };
    }
}
