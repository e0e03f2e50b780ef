package io.riskbase.events;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: after the n-th failed attempt the next waits a random time in [d/2, d] with d =
 * min(base × 2^(n-1), max). Jitter keeps endpoints that failed together from being retried together.
 */
public record Backoff(Duration base, Duration max) {

    public Duration after(int failedAttempts, DoubleSupplier random) {
        int exponent = Math.max(0, Math.min(failedAttempts - 1, 30));
        long ceiling = Math.min(max.toMillis(), base.toMillis() * (1L << exponent));
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
    }
}
