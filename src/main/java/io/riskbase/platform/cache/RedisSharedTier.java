package io.riskbase.platform.cache;

import io.riskbase.platform.redis.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * L2 on Redis: available while Redis is configured and the invalidation bus sees it; the commands are
 * {@link RedisCalls}.
 */
@ApplicationScoped
public class RedisSharedTier implements SharedTier {

    @Inject
    RedisConnection redis;

    @Inject
    RedisCalls calls;

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

    @Override
    public byte[] get(String key) {
        return calls.get(key);
    }

    @Override
    public void put(String key, byte[] value, long ttlMillis) {
        calls.put(key, value, ttlMillis);
    }

    @Override
    public boolean delete(String key) {
        return calls.delete(key);
    }

    /**
     * An asynchronous DEL: no thread of Liberty's pool, which also serves requests, waits on the link. Each of these
     * used to hold a pool thread for up to the L2 timeout; on a slow link the repeats of other nodes' evictions then
     * delayed requests before they started. Redisson's command timeout ends it; a failure only counts as an error.
     */
    @Override
    public void deleteWithoutWaiting(String key) {
        RedissonClient client = redis.client().orElse(null);
        if (client == null) {
            return;
        }
        client.getBucket(key, ByteArrayCodec.INSTANCE).deleteAsync().whenComplete((deleted, failure) -> {
            if (failure != null) {
                statistics.sharedTierError();
            }
        });
    }

    @Override
    public OptionalLong generation(String id) {
        return calls.generation(id);
    }

    @Override
    public OptionalLong incrementGeneration(String id) {
        return calls.incrementGeneration(id);
    }

    @Override
    public OptionalLong raiseGeneration(String id, long atLeast) {
        return calls.raiseGeneration(id, atLeast);
    }
}
