package io.riskbase.platform.ratelimit;

/**
 * One in-memory token bucket, the same arithmetic as the Redis script in {@link RedisBuckets}: tokens accrue
 * continuously up to the capacity; a request takes one if there is one.
 */
final class TokenBucket {

    private double tokens;
    private long lastNanos;

    TokenBucket(BucketSpec spec, long nowNanos) {
        this.tokens = spec.capacity();
        this.lastNanos = nowNanos;
    }

    /** Takes one token if available; returns the tokens left (negative never). */
    synchronized Decision take(String group, BucketSpec spec, long nowNanos) {
        refill(spec, nowNanos);
        boolean allowed = tokens >= 1;
        if (allowed) {
            tokens -= 1;
        }
        return Decision.of(group, spec, allowed, tokens);
    }

    /** True when the bucket would be full now, i.e. forgetting it changes nothing. */
    synchronized boolean isFull(BucketSpec spec, long nowNanos) {
        refill(spec, nowNanos);
        return tokens >= spec.capacity();
    }

    private void refill(BucketSpec spec, long nowNanos) {
        if (nowNanos > lastNanos) {
            tokens = Math.min(spec.capacity(), tokens + (nowNanos - lastNanos) / 1e9 * spec.refillPerSecond());
            lastNanos = nowNanos;
        }
    }
}
