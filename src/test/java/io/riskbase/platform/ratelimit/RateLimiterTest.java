package io.riskbase.platform.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.redis.RedisBudget;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The limiter's choice between the shared bucket and the node's own, without Redis or Liberty. */
class RateLimiterTest {

    private static final BucketSpec THREE = new BucketSpec(3, 0.001);

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger sharedCalls = new AtomicInteger();
    private final RedisBudget budget = new RedisBudget(200, nanos::get);
    private final RateLimiter limiter = new RateLimiter();

    RateLimiterTest() {
        limiter.policy = new RateLimitPolicy() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public BucketSpec spec(String group) {
                return THREE;
            }
        };
        limiter.shared = new RedisBuckets() {
            @Override
            public boolean configured() {
                return true;
            }

            @Override
            public Decision take(String group, String key, BucketSpec spec) {
                // a slow link: each shared decision costs 150 ms and always finds tokens left
                sharedCalls.incrementAndGet();
                nanos.addAndGet(150_000_000L);
                return Decision.of(group, spec, true, spec.capacity() - 1);
            }
        };
        limiter.local = new LocalBuckets(nanos::get);
        limiter.metrics = new RateLimitMetrics() {
            @Override
            void rejected(String group) {}
        };
        limiter.applied = new AppliedLimits();
        limiter.budget = budget;
    }

    @Test
    void withinTheBudgetTheSharedBucketDecides() {
        budget.begin();
        try {
            limiter.enforce("read", "u:1");
            assertEquals(1, sharedCalls.get());
            assertEquals(0, limiter.local.size(), "the node's own bucket is not touched");
        } finally {
            budget.end();
        }
    }

    @Test
    void onceTheRequestsBudgetIsSpentTheNodesOwnBucketDecidesWithoutCallingRedis() {
        budget.begin();
        try {
            limiter.enforce("read", "u:1");
            limiter.enforce("read", "u:1");
            assertTrue(budget.exhausted(), "two calls of 150 ms spend a 200 ms budget");
            assertEquals(2, sharedCalls.get());
            long before = nanos.get();
            limiter.enforce("read", "u:1");
            limiter.enforce("read", "u:1");
            limiter.enforce("read", "u:1");
            assertEquals(2, sharedCalls.get(), "Redis is not asked once the budget is spent");
            assertEquals(before, nanos.get(), "and no Redis time is spent");
            assertEquals(1, limiter.local.size());
            ApiException rejected = assertThrows(ApiException.class, () -> limiter.enforce("read", "u:1"));
            assertEquals(429, rejected.status(), "the node's bucket of three is empty after three local decisions");
        } finally {
            budget.end();
        }
    }

    @Test
    void theNextRequestStartsWithAFreshBudget() {
        budget.begin();
        limiter.enforce("read", "u:2");
        limiter.enforce("read", "u:2");
        budget.end();
        budget.begin();
        try {
            limiter.enforce("read", "u:2");
            assertEquals(3, sharedCalls.get());
        } finally {
            budget.end();
        }
    }
}
