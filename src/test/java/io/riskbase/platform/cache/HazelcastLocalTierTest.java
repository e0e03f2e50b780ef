package io.riskbase.platform.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cache.ICache;
import com.hazelcast.client.HazelcastClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The near-cached L1: hits on the caller's thread, and never a value past its own expiry or after its removal. */
class HazelcastLocalTierTest {

    private static final AtomicLong NOW = new AtomicLong(1_000_000);
    private static HazelcastLocalTier tier;

    @BeforeAll
    static void start() {
        tier = new HazelcastLocalTier("near-cache-test", 100, true, NOW::get);
    }

    @AfterAll
    static void stop() {
        tier.close();
    }

    @Test
    void aSecondReadIsANearCacheHit() {
        tier.put("risk", "k-hit", bytes("v1"), 60_000);
        assertArrayEquals(bytes("v1"), tier.get("risk", "k-hit"));
        long before = nearCacheHits("risk");
        assertArrayEquals(bytes("v1"), tier.get("risk", "k-hit"));
        assertTrue(nearCacheHits("risk") > before, "the second read was not answered by the near cache");
    }

    @Test
    void anEntryIsNotServedPastItsOwnTtlThoughTheNearCacheStillHoldsIt() {
        tier.put("session", "k-short", bytes("degraded"), 2_000);
        assertArrayEquals(bytes("degraded"), tier.get("session", "k-short"));
        NOW.addAndGet(2_001);
        assertNull(tier.get("session", "k-short"), "served past the TTL it was written with");
    }

    @Test
    void aRemovalOrAnOverwriteIsSeenByTheNextRead() {
        tier.put("risk", "k-rm", bytes("old"), 60_000);
        tier.get("risk", "k-rm");
        tier.get("risk", "k-rm");
        tier.put("risk", "k-rm", bytes("new"), 60_000);
        assertArrayEquals(bytes("new"), tier.get("risk", "k-rm"));
        tier.remove("risk", "k-rm");
        assertNull(tier.get("risk", "k-rm"));
    }

    @Test
    void anAsynchronousPutIsReadOnceItHasLandedAndARemovalHidesIt() throws Exception {
        tier.putAsync("risk", "k-async", bytes("v"), 60_000)
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertArrayEquals(bytes("v"), tier.get("risk", "k-async"));
        assertArrayEquals(bytes("v"), tier.get("risk", "k-async"));
        tier.remove("risk", "k-async");
        assertNull(tier.get("risk", "k-async"));
    }

    @Test
    void clearEmptiesTheNearCacheToo() {
        tier.put("user", "k-clear", bytes("x"), 60_000);
        tier.get("user", "k-clear");
        tier.get("user", "k-clear");
        tier.clear();
        assertNull(tier.get("user", "k-clear"));
    }

    @Test
    void aCallerCannotChangeWhatIsStored() {
        tier.put("risk", "k-copy", bytes("abc"), 60_000);
        tier.get("risk", "k-copy")[0] = 'X';
        assertArrayEquals(bytes("abc"), tier.get("risk", "k-copy"));
    }

    private static long nearCacheHits(String namespace) {
        ICache<?, ?> cache = HazelcastClient.getHazelcastClientByName("riskbase-l1-near-cache-test-client")
                .getCacheManager()
                .getCache(namespace);
        return cache.getLocalCacheStatistics().getNearCacheStatistics().getHits();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
