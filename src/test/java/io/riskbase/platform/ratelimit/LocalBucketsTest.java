package io.riskbase.platform.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalBucketsTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final LocalBuckets buckets = new LocalBuckets(nanos::get);
    private final BucketSpec tenPerMinute = new BucketSpec(10, 10 / 60.0);

    private void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000L);
    }

    @Test
    void aFullBucketAllowsItsCapacityThenRejectsWithTheWaitForOneToken() {
        for (int i = 1; i <= 10; i++) {
            Decision d = buckets.take("auth", "e:x", tenPerMinute);
            assertTrue(d.allowed());
            assertEquals(10 - i, d.remaining());
        }
        Decision rejected = buckets.take("auth", "e:x", tenPerMinute);
        assertFalse(rejected.allowed());
        assertEquals(0, rejected.remaining());
        assertEquals(6, rejected.retryAfterSeconds(), "one token every 6 s");
        assertEquals(60, rejected.resetSeconds(), "full again after a minute");
        assertEquals("6", rejected.headers().get("Retry-After"));
        assertEquals("10", rejected.headers().get("RateLimit-Limit"));
    }

    @Test
    void tokensComeBackContinuouslyAndNeverBeyondTheCapacity() {
        for (int i = 0; i < 10; i++) {
            buckets.take("auth", "e:y", tenPerMinute);
        }
        advanceMillis(5_990);
        assertFalse(buckets.take("auth", "e:y", tenPerMinute).allowed());
        advanceMillis(20);
        assertTrue(buckets.take("auth", "e:y", tenPerMinute).allowed());
        advanceMillis(3_600_000);
        assertEquals(9, buckets.take("auth", "e:y", tenPerMinute).remaining());
    }

    @Test
    void bucketsAreIndependentPerKey() {
        for (int i = 0; i < 10; i++) {
            buckets.take("auth", "e:a", tenPerMinute);
        }
        assertFalse(buckets.take("auth", "e:a", tenPerMinute).allowed());
        assertTrue(buckets.take("auth", "e:b", tenPerMinute).allowed());
    }

    @Test
    void refilledBucketsAreForgotten() {
        buckets.take("read", "u:1", new BucketSpec(5, 5));
        buckets.take("read", "u:2", new BucketSpec(5, 5));
        assertEquals(2, buckets.size());
        advanceMillis(31_000);
        buckets.take("read", "u:3", new BucketSpec(5, 5));
        assertEquals(1, buckets.size());
    }

    @Test
    void theTighterDecisionWins() {
        Decision roomy = new Decision("auth", true, 15, 14, 4, 0);
        Decision tight = new Decision("auth.email", true, 10, 2, 48, 0);
        Decision rejected = new Decision("auth", false, 15, 0, 60, 4);
        assertEquals(tight, roomy.tighter(tight));
        assertEquals(rejected, tight.tighter(rejected));
        assertEquals(rejected, rejected.tighter(tight));
    }
}
