package io.riskbase.platform.cache;

import io.riskbase.platform.redis.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;

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
