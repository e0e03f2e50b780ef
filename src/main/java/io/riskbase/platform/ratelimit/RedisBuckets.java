package io.riskbase.platform.ratelimit;

import io.riskbase.platform.redis.RedisConnection;
import io.riskbase.platform.redis.RedisWait;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Buckets shared by every node: one Redis hash per bucket, updated by one Lua script in one round trip, timed by the
 * Redis server's clock (node clocks may differ). Redisson's {@code RRateLimiter} was not used: it is a sliding window
 * whose {@code tryAcquire} reports neither the tokens left nor the wait, so the RateLimit-* and Retry-After headers
 * would cost two more scripts per request and still be guesses. The hash expires once the bucket would be full again,
 * so idle callers cost no memory. Every call has a timeout and sits behind a circuit breaker; on failure the node's own
 * bucket decides ({@link LocalBuckets}), so a Redis outage never turns into an error.
 */
@ApplicationScoped
public class RedisBuckets {

    static final String KEY_PREFIX = "rb:rl:";

    // ARGV: capacity, refill per second. Returns {allowed 0|1, tokens left x1000, ms until full}.
    static final String SCRIPT = """
            if redis.replicate_commands then redis.replicate_commands() end
            local capacity = tonumber(ARGV[1])
            local perMs = tonumber(ARGV[2]) / 1000
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1])
            local ts = tonumber(state[2])
            if tokens == nil or ts == nil then
              tokens = capacity
              ts = now
            end
            if now > ts then
              tokens = math.min(capacity, tokens + (now - ts) * perMs)
            end
            local allowed = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            end
            local untilFull = math.ceil((capacity - tokens) / perMs)
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
            redis.call('PEXPIRE', KEYS[1], untilFull + 1000)
            return {allowed, math.floor(tokens * 1000), untilFull}
            """;

    @Inject
    RedisConnection redis;

    @Inject
    LocalBuckets local;

    @Inject
    RateLimitMetrics metrics;

    /** The fault-tolerance timeout of {@link #take} (the key overrides the annotation), for its self-ending wait. */
    @Inject
    @ConfigProperty(name = "io.riskbase.platform.ratelimit.RedisBuckets/take/Timeout/value", defaultValue = "250")
    long timeoutMillis;

    public boolean configured() {
        return redis.isConfigured();
    }

    @Timeout(250)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 3000, successThreshold = 2)
    @Fallback(fallbackMethod = "takeLocally")
    public Decision take(String group, String key, BucketSpec spec) {
        RedissonClient client = redis.client().orElseThrow(() -> new IllegalStateException("Redis not connected"));
        List<Object> result = RedisWait.await(
                client.getScript(StringCodec.INSTANCE)
                        .evalAsync(
                                RScript.Mode.READ_WRITE,
                                SCRIPT,
                                RScript.ReturnType.MULTI,
                                List.of(KEY_PREFIX + key),
                                Long.toString(spec.capacity()),
                                Double.toString(spec.refillPerSecond())),
                timeoutMillis);
        boolean allowed = ((Number) result.get(0)).longValue() == 1;
        double tokensLeft = ((Number) result.get(1)).longValue() / 1000.0;
        return Decision.of(group, spec, allowed, tokensLeft);
    }

    Decision takeLocally(String group, String key, BucketSpec spec) {
        metrics.fallback();
        return local.take(group, key, spec);
    }
}
