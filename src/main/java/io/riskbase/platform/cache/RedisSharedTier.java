package io.riskbase.platform.cache;

import io.riskbase.platform.redis.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.OptionalLong;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * L2 on Redis through Redisson. Every call has a timeout and sits behind one circuit breaker; a
 * failure falls back to "absent" / "not done", so a Redis outage costs latency, never an error.
 * Redisson exceptions stop here.
 */
@ApplicationScoped
public class RedisSharedTier implements SharedTier {

    @Inject
    RedisConnection redis;

    @Inject
    CacheStatistics statistics;

    private volatile boolean reachable = true;

    /** Set by the invalidation bus's connection watch. */
    void reachable(boolean reachable) {
        this.reachable = reachable;
    }

    @Override
    public boolean available() {
        return reachable && redis.isConfigured();
    }

    private RedissonClient client() {
        return redis.client().orElseThrow(() -> new IllegalStateException("Redis not connected"));
    }

    @Override
    @Timeout(500)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 3000, successThreshold = 2)
    @Fallback(fallbackMethod = "getFallback")
    public byte[] get(String key) {
        return client().<byte[]>getBucket(key, ByteArrayCodec.INSTANCE).get();
    }

    byte[] getFallback(String key) {
        statistics.sharedTierError();
        return null;
    }

    @Override
    @Timeout(500)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 3000, successThreshold = 2)
    @Fallback(fallbackMethod = "putFallback")
    public void put(String key, byte[] value, long ttlMillis) {
        client().<byte[]>getBucket(key, ByteArrayCodec.INSTANCE).set(value, Duration.ofMillis(ttlMillis));
    }

    void putFallback(String key, byte[] value, long ttlMillis) {
        statistics.sharedTierError();
    }

    @Override
    @Timeout(500)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 3000, successThreshold = 2)
    @Fallback(fallbackMethod = "deleteFallback")
    public void delete(String key) {
        client().getBucket(key, ByteArrayCodec.INSTANCE).delete();
    }

    void deleteFallback(String key) {
        statistics.sharedTierError();
    }

    @Override
    @Timeout(500)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 3000, successThreshold = 2)
    @Fallback(fallbackMethod = "generationFallback")
    public OptionalLong generation(String id) {
        return OptionalLong.of(client().getAtomicLong(id).get());
    }

    OptionalLong generationFallback(String id) {
        statistics.sharedTierError();
        return OptionalLong.empty();
    }

    @Override
    @Timeout(500)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 3000, successThreshold = 2)
    @Fallback(fallbackMethod = "incrementFallback")
    public OptionalLong incrementGeneration(String id) {
        return OptionalLong.of(client().getAtomicLong(id).incrementAndGet());
    }

    OptionalLong incrementFallback(String id) {
        statistics.sharedTierError();
        return OptionalLong.empty();
    }

    @Override
    @Timeout(500)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 3000, successThreshold = 2)
    @Fallback(fallbackMethod = "raiseFallback")
    public OptionalLong raiseGeneration(String id, long atLeast) {
        RAtomicLong counter = client().getAtomicLong(id);
        for (int attempt = 0; attempt < 16; attempt++) {
            long current = counter.get();
            if (current >= atLeast || counter.compareAndSet(current, atLeast)) {
                return OptionalLong.of(Math.max(current, atLeast));
            }
        }
        return OptionalLong.empty();
    }

    OptionalLong raiseFallback(String id, long atLeast) {
        statistics.sharedTierError();
        return OptionalLong.empty();
    }
}
