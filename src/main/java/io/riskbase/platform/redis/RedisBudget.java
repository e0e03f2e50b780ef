package io.riskbase.platform.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Redis time one request may spend ({@code riskbase.redis.request-budget-ms}). Each Redis call has its own timeout,
 * but a request makes several in a row (rate limit, session, data, L2 write-back, evictions, generation bumps): on a
 * slow link each answers just under its timeout and together they cost seconds. Once a request has spent its budget,
 * the rest of it works as a node cut off from Redis does — L1 and the database, short L1 TTLs, bumps raised in Redis
 * off the request thread — which keeps staleness within the same bound.
 *
 * <p>Counted per thread between {@link #begin()} and {@link #end()} (the request filter); calls outside a request
 * (watch, listeners, refresh-ahead) are never over budget.
 */
@ApplicationScoped
public class RedisBudget {

    /** Never over budget: for code and tests without requests. */
    public static final RedisBudget NONE = new RedisBudget(Long.MAX_VALUE / 2_000_000, System::nanoTime);

    /** Per request thread: {nanoseconds spent, calls made}. */
    private final ThreadLocal<long[]> spent = new ThreadLocal<>();

    @Inject
    @ConfigProperty(name = "riskbase.redis.request-budget-ms", defaultValue = "200")
    long limitMillis;

    private final LongSupplier nanos;

    protected RedisBudget() {
        this.nanos = System::nanoTime;
    }

    public RedisBudget(long limitMillis, LongSupplier nanos) {
        this.limitMillis = limitMillis;
        this.nanos = nanos;
    }

    /** Starts counting for the request on this thread. */
    public void begin() {
        spent.set(new long[2]);
    }

    /** Stops counting on this thread (pooled threads carry nothing into the next request). */
    public void end() {
        spent.remove();
    }

    /** Whether this thread's request has used up its Redis time. */
    public boolean exhausted() {
        long[] current = spent.get();
        return current != null && current[0] >= limitMillis * 1_000_000;
    }

    /** Makes one Redis call and adds its time to this thread's request. */
    public <T> T charged(Supplier<T> call) {
        long start = nanos.getAsLong();
        try {
            return call.get();
        } finally {
            long[] current = spent.get();
            if (current != null) {
                current[0] += Math.max(0, nanos.getAsLong() - start);
                current[1]++;
            }
        }
    }

    /** Redis time this thread's request has spent so far (0 outside a request). */
    public long spentNanos() {
        long[] current = spent.get();
        return current == null ? 0 : current[0];
    }

    /** Redis calls this thread's request has made so far. */
    public int calls() {
        long[] current = spent.get();
        return current == null ? 0 : (int) current[1];
    }

    public String describe() {
        return "Redis budget " + limitMillis + " ms per request";
    }
}
