package io.riskbase.platform.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of taking one token: allowed or not, what is left, when the bucket is full again ({@code resetSeconds})
 * and, when rejected, when the next token arrives ({@code retryAfterSeconds}).
 */
public record Decision(
        String group, boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    static Decision of(String group, BucketSpec spec, boolean allowed, double tokensLeft) {
        long remaining = (long) Math.floor(tokensLeft);
        long reset = seconds(spec.millisFor(spec.capacity() - tokensLeft));
        long retryAfter = allowed ? 0 : Math.max(1, seconds(spec.millisFor(1 - tokensLeft)));
        return new Decision(group, allowed, spec.capacity(), remaining, reset, retryAfter);
    }

    static long seconds(long millis) {
        return (millis + 999) / 1000;
    }

    /** The tighter of two decisions: a rejection, else the one with fewer tokens left. */
    Decision tighter(Decision other) {
        if (other == null) {
            return this;
        }
        if (allowed != other.allowed) {
            return allowed ? other : this;
        }
        return other.remaining < remaining ? other : this;
    }

    /**
     * {@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset} and, when rejected,
     * {@code Retry-After}.
     */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("RateLimit-Limit", Long.toString(limit));
        headers.put("RateLimit-Remaining", Long.toString(remaining));
        headers.put("RateLimit-Reset", Long.toString(resetSeconds));
        if (!allowed) {
            headers.put("Retry-After", Long.toString(retryAfterSeconds));
        }
        return headers;
    }
}
