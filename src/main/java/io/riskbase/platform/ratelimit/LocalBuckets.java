package io.riskbase.platform.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * This node's buckets: the only ones without Redis, the fallback when Redis fails. Buckets that have refilled
 * completely carry no information and are dropped by a sweep, so memory follows the number of recently active callers,
 * not of all callers ever seen.
 */
@ApplicationScoped
public class LocalBuckets {

    private static final long SWEEP_INTERVAL_NANOS = 30_000_000_000L;

    private record Entry(TokenBucket bucket, BucketSpec spec) {}

    private final ConcurrentHashMap<String, Entry> buckets = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private volatile long nextSweep;

    public LocalBuckets() {
        this(System::nanoTime);
    }

    LocalBuckets(LongSupplier clock) {
        this.clock = clock;
        this.nextSweep = clock.getAsLong() + SWEEP_INTERVAL_NANOS;
    }

    public Decision take(String group, String key, BucketSpec spec) {
        long now = clock.getAsLong();
        if (now - nextSweep > 0) {
            nextSweep = now + SWEEP_INTERVAL_NANOS;
            buckets.values().removeIf(e -> e.bucket().isFull(e.spec(), now));
        }
        Entry entry = buckets.computeIfAbsent(key, k -> new Entry(new TokenBucket(spec, now), spec));
        return entry.bucket().take(group, spec, now);
    }

    public int size() {
        return buckets.size();
    }
}
