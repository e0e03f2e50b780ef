package io.riskbase.platform.ratelimit;

/**
 * A token bucket's shape: it holds at most {@code capacity} tokens (the burst) and gains {@code refillPerSecond} tokens
 * a second; each request takes one.
 */
public record BucketSpec(long capacity, double refillPerSecond) {

    public BucketSpec {
        if (capacity < 1 || !(refillPerSecond > 0)) {
            throw new IllegalArgumentException("a bucket needs capacity >= 1 and refill-per-second > 0, got " + capacity
                    + " / " + refillPerSecond);
        }
    }

    /** Milliseconds an empty bucket needs to gain {@code tokens}. */
    long millisFor(double tokens) {
        return (long) Math.ceil(tokens * 1000.0 / refillPerSecond);
    }
}
