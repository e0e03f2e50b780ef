package io.riskbase.platform.cache;

import io.riskbase.platform.redis.RedisConnection;
import io.riskbase.platform.redis.RedisWait;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * The Redis commands of L2, each behind the fault-tolerance settings on this class; Redisson exceptions stop here. A
 * failure falls back to "absent" / "not done", so a Redis outage costs latency, never an error.
 *
 * <p>MicroProfile FT applies the class's settings to every public method and keeps one circuit breaker per method:
 * {@code get} can be open while {@code put} is still closed. The timeout is {@code riskbase.cache.l2-timeout-ms},
 * through the key {@code io.riskbase.platform.cache.RedisCalls/Timeout/value} in microprofile-config.properties (the
 * annotation's value only applies without it). It is shorter than Redisson's own command timeout: a call that answers
 * slower than a database read is worth less than none, and counting it as a failure is what opens the breaker on a slow
 * link. Nothing else lives here, so that no other method gets a timeout or a breaker.
 */
@ApplicationScoped
@Timeout(250)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 3000, successThreshold = 2)
public class RedisCalls {

    @Inject
    RedisConnection redis;

    @Inject
    CacheStatistics statistics;

    /** The same value as the fault-tolerance timeout, for the wait that ends by itself ({@link RedisWait}). */
    @Inject
    @ConfigProperty(name = "riskbase.cache.l2-timeout-ms", defaultValue = "250")
    long timeoutMillis;

    private RedissonClient client() {
        return redis.client().orElseThrow(() -> new IllegalStateException("Redis not connected"));
    }

    private <T> T await(RFuture<T> command) {
        return RedisWait.await(command, timeoutMillis);
    }

    @Fallback(fallbackMethod = "getFallback")
    public byte[] get(String key) {
        return await(client().<byte[]>getBucket(key, ByteArrayCodec.INSTANCE).getAsync());
    }

    private byte[] getFallback(String key) {
        statistics.sharedTierError();
        return null;
    }

    @Fallback(fallbackMethod = "putFallback")
    public void put(String key, byte[] value, long ttlMillis) {
        await(client().<byte[]>getBucket(key, ByteArrayCodec.INSTANCE).setAsync(value, Duration.ofMillis(ttlMillis)));
    }

    private void putFallback(String key, byte[] value, long ttlMillis) {
        statistics.sharedTierError();
    }

    @Fallback(fallbackMethod = "deleteFallback")
    public boolean delete(String key) {
        await(client().getBucket(key, ByteArrayCodec.INSTANCE).deleteAsync());
        return true;
    }

    private boolean deleteFallback(String key) {
        statistics.sharedTierError();
        return false;
    }

    @Fallback(fallbackMethod = "generationFallback")
    public OptionalLong generation(String id) {
        return OptionalLong.of(await(client().getAtomicLong(id).getAsync()));
    }

    private OptionalLong generationFallback(String id) {
        statistics.sharedTierError();
        return OptionalLong.empty();
    }

    @Fallback(fallbackMethod = "incrementFallback")
    public OptionalLong incrementGeneration(String id) {
        return OptionalLong.of(await(client().getAtomicLong(id).incrementAndGetAsync()));
    }

    private OptionalLong incrementFallback(String id) {
        statistics.sharedTierError();
        return OptionalLong.empty();
    }

    @Fallback(fallbackMethod = "raiseFallback")
    public OptionalLong raiseGeneration(String id, long atLeast) {
        RAtomicLong counter = client().getAtomicLong(id);
        for (int attempt = 0; attempt < 16; attempt++) {
            long current = await(counter.getAsync());
            if (current >= atLeast || await(counter.compareAndSetAsync(current, atLeast))) {
                return OptionalLong.of(Math.max(current, atLeast));
            }
        }
        return OptionalLong.empty();
    }

    private OptionalLong raiseFallback(String id, long atLeast) {
        statistics.sharedTierError();
        return OptionalLong.empty();
    }
}
