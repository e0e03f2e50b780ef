package io.riskbase.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.redis.RedisBudget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TieredCacheTest {

    static final NamespacePolicy RISK = new NamespacePolicy("risk", false, 300_000, 30_000, 0);
    static final NamespacePolicy MATRIX = new NamespacePolicy("risk-matrix", false, 100_000, 0, 0.8);
    static final TieredCache.Codec STRINGS = new TieredCache.Codec() {
        @Override
        public byte[] encode(Object value) {
            return ((String) value).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Object decode(byte[] json) {
            return new String(json, StandardCharsets.UTF_8);
        }
    };

    final AtomicLong clock = new AtomicLong(1_000_000);
    final InMemoryTiers.Shared redis = new InMemoryTiers.Shared(clock::get);
    final List<Invalidation> published = new ArrayList<>();
    final AtomicBoolean coherent = new AtomicBoolean(true);
    final List<Runnable> background = new ArrayList<>();

    /** The Redis link's clock, in nanoseconds: each call to the shared tier moves it {@link #CALL_NANOS}. */
    final AtomicLong redisNanos = new AtomicLong();

    static final long CALL_NANOS = 100_000_000;
    final RedisBudget budget = new RedisBudget(200, redisNanos::get);

    final class Node {
        final InMemoryTiers.Local l1 = new InMemoryTiers.Local(clock::get);
        final SlowLink link = new SlowLink();
        final SharedTier tier = new BudgetedSharedTier(link, budget);
        final TieredCache cache;

        Node(String id) {
            cache = new TieredCache(
                    l1,
                    tier,
                    new Generations(tier, budget::exhausted),
                    Duration.ofSeconds(5),
                    published::add,
                    CacheStatistics.NONE,
                    clock::get,
                    background::add,
                    coherent::get,
                    2_000,
                    id,
                    budget);
        }

        TieredCache.Result get(NamespacePolicy ns, long tenant, Object arg, TieredCache.Loader loader)
                throws Exception {
            return cache.get(ns, tenant, new Object[] {arg}, STRINGS, loader);
        }

        /** Two calls to Redis on the request's account: the 200 ms are spent. */
        void spendBudget() {
            tier.get("elsewhere");
            tier.get("elsewhere");
        }
    }

    final Node a = new Node("a");
    final Node b = new Node("b");

    /** The shared tier seen through a link on which every call costs {@link #CALL_NANOS} of the request's budget. */
    final class SlowLink implements SharedTier {
        final AtomicInteger calls = new AtomicInteger();

        private void cost() {
            calls.incrementAndGet();
            redisNanos.addAndGet(CALL_NANOS);
        }

        @Override
        public boolean available() {
            return redis.available();
        }

        @Override
        public byte[] get(String key) {
            cost();
            return redis.get(key);
        }

        @Override
        public void put(String key, byte[] value, long ttlMillis) {
            cost();
            redis.put(key, value, ttlMillis);
        }

        @Override
        public boolean delete(String key) {
            cost();
            return redis.delete(key);
        }

        @Override
        public OptionalLong generation(String id) {
            cost();
            return redis.generation(id);
        }

        @Override
        public OptionalLong incrementGeneration(String id) {
            cost();
            return redis.incrementGeneration(id);
        }

        @Override
        public OptionalLong raiseGeneration(String id, long atLeast) {
            cost();
            return redis.raiseGeneration(id, atLeast);
        }
    }

    /** Runs {@code body} as one request whose Redis time counts against the budget (200 ms: two calls). */
    void request(ThrowingRunnable body) throws Exception {
        budget.begin();
        try {
            body.run();
        } finally {
            budget.end();
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    void runBackground() {
        while (!background.isEmpty()) {
            background.remove(0).run();
        }
    }

    @Test
    void aRequestOverItsRedisBudgetReadsNoMoreFromL2AndKeepsWhatItLoadsBriefly() throws Exception {
        a.get(RISK, 1, 7, () -> "in-l2");
        a.get(RISK, 1, 8, () -> "in-l2");
        request(() -> {
            // the generation read and the L2 get use the 200 ms up: the next read goes to the database
            assertEquals("l2", b.get(RISK, 1, 7, () -> "loaded").tier());
            assertTrue(budget.exhausted());
            int calls = b.link.calls.get();
            TieredCache.Result second = b.get(RISK, 1, 8, () -> "loaded");
            assertEquals("miss", second.tier());
            assertEquals("loaded", second.value());
            assertEquals(calls, b.link.calls.get(), "called Redis over budget");
        });
        long ttl = b.l1.ttlOf(CacheKeys.entry("risk", 1L, 0, new Object[] {8}));
        assertTrue(ttl > 0 && ttl <= 2_000, "an over-budget load lives the degraded L1 TTL, not " + ttl);
        byte[] shared = redis.get(CacheKeys.entry("risk", 1L, 0, new Object[] {8}));
        assertEquals(
                "in-l2",
                STRINGS.decode(CacheEntry.fromBytes(shared).payload()),
                "the over-budget load was written to L2");
    }

    @Test
    void outsideARequestThereIsNoBudget() throws Exception {
        a.get(RISK, 1, 7, () -> "v");
        for (int i = 0; i < 5; i++) {
            b.tier.get("elsewhere");
        }
        assertFalse(budget.exhausted());
        assertEquals("l2", b.get(RISK, 1, 7, () -> "x").tier());
        request(() -> assertFalse(budget.exhausted(), "a new request starts with the whole budget"));
    }

    @Test
    void anEvictionOverBudgetMakesNoRedisCallYetOtherNodesStopServingTheOldValue() throws Exception {
        a.get(RISK, 1, 7, () -> "old");
        b.get(RISK, 1, 7, () -> "old");
        published.clear();
        request(() -> {
            a.spendBudget();
            int calls = a.link.calls.get();
            a.cache.evict("risk", 1L, new Object[] {7});
            assertEquals(calls, a.link.calls.get(), "the eviction waited for Redis");
            assertEquals("new", a.get(RISK, 1, 7, () -> "new").value(), "the writer reads its write");
        });
        // the announced local bump reaches B at once; the reconcile runs off the request thread
        published.forEach(b.cache::apply);
        assertEquals("new", b.get(RISK, 1, 7, () -> "new").value());
        runBackground();
        Node started = new Node("started-later");
        assertEquals("new", started.get(RISK, 1, 7, () -> "new").value(), "a node that heard nothing skips it too");
    }

    @Test
    void aLocalBumpThatReusesANumberAnotherNodeAlreadyPassedStillRetiresItsEntries() throws Exception {
        // B, over budget, bumps locally from 0 to 1, while A (not heard yet) has moved the shared counter to 2 and
        // stored under 2 a value read before B's write: raising the counter to B's 1 + 1 would leave it at 2
        b.get(RISK, 1, 9, () -> "b-knows-generation-0");
        a.cache.bumpNamespace("risk", 1L);
        a.cache.bumpNamespace("risk", 1L);
        a.get(RISK, 1, 7, () -> "read-before-b-wrote");
        published.clear();
        request(() -> {
            b.spendBudget();
            b.cache.bumpNamespace("risk", 1L);
        });
        runBackground();
        published.forEach(a.cache::apply);
        assertEquals("after-b-wrote", a.get(RISK, 1, 7, () -> "after-b-wrote").value());
    }

    @Test
    void localBumpsOverBudgetLeaveTheSharedCounterAboveEveryNumberTheNodeUsed() throws Exception {
        request(() -> {
            a.spendBudget();
            for (int i = 0; i < 3; i++) {
                a.cache.bumpNamespace("risk", 1L);
            }
        });
        runBackground();
        assertTrue(redis.counters.get(CacheKeys.generation("risk", 1L)) > 3, redis.counters.toString());
    }

    @Test
    void missLoadsOnceThenL1Answers() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        TieredCache.Result first = a.get(RISK, 1, 7, () -> "risk-7-v" + loads.incrementAndGet());
        TieredCache.Result second = a.get(RISK, 1, 7, () -> "risk-7-v" + loads.incrementAndGet());
        assertEquals("miss", first.tier());
        assertEquals("l1", second.tier());
        assertEquals("risk-7-v1", second.value());
        assertEquals(first.etag(), second.etag());
        assertEquals(1, loads.get());
    }

    @Test
    void aHitAskedForItsJsonIsNotDecodedAndCarriesTheStoredBytesAndEtag() throws Exception {
        AtomicInteger decodes = new AtomicInteger();
        TieredCache.Codec counting = new TieredCache.Codec() {
            @Override
            public byte[] encode(Object value) {
                return STRINGS.encode(value);
            }

            @Override
            public Object decode(byte[] json) {
                decodes.incrementAndGet();
                return STRINGS.decode(json);
            }
        };
        TieredCache.Result miss = a.cache.get(RISK, 1L, new Object[] {7}, counting, () -> "v1", false);
        TieredCache.Result hit = a.cache.get(RISK, 1L, new Object[] {7}, counting, () -> "v2", false);
        assertEquals("l1", hit.tier());
        assertNull(hit.value());
        assertEquals("v1", new String(hit.json(), StandardCharsets.UTF_8));
        assertEquals(miss.etag(), hit.etag());
        assertEquals(0, decodes.get());
    }

    @Test
    void aValueWithItsOwnEntityTagIsStoredWithIt() throws Exception {
        record Tagged(String tag) implements EntityTagged {
            @Override
            public String entityTag() {
                return tag;
            }
        }
        TieredCache.Codec tagged = new TieredCache.Codec() {
            @Override
            public byte[] encode(Object value) {
                return ((Tagged) value).tag().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public Object decode(byte[] json) {
                return new Tagged(new String(json, StandardCharsets.UTF_8));
            }
        };
        a.cache.get(RISK, 1L, new Object[] {8}, tagged, () -> new Tagged("\"3\""));
        assertEquals(
                "\"3\"",
                a.cache.get(RISK, 1L, new Object[] {8}, tagged, () -> null).etag());
    }

    @Test
    void anotherNodeIsAnsweredFromL2AndKeepsItInL1() throws Exception {
        a.get(RISK, 1, 7, () -> "v1");
        assertEquals("l2", b.get(RISK, 1, 7, () -> "other").tier());
        assertEquals("l1", b.get(RISK, 1, 7, () -> "other").tier());
    }

    @Test
    void tenantsNeverShareAnEntryForTheSameArguments() throws Exception {
        a.get(RISK, 1, 7, () -> "tenant-1-data");
        TieredCache.Result other = a.get(RISK, 2, 7, () -> "tenant-2-data");
        assertEquals("miss", other.tier());
        assertEquals("tenant-2-data", other.value());
        assertEquals("tenant-1-data", a.get(RISK, 1, 7, () -> "x").value());
        assertNotEquals(CacheKeys.entry("risk", 1L, 0, 7), CacheKeys.entry("risk", 2L, 0, 7));
    }

    @Test
    void keysCannotCollideThroughArgumentText() {
        assertNotEquals(
                CacheKeys.entry("risk-list", 1L, 0, "a;1=b", "c"), CacheKeys.entry("risk-list", 1L, 0, "a", "b;1=c"));
    }

    @Test
    void entryEvictionReachesBothTiersAndOtherNodes() throws Exception {
        a.get(RISK, 1, 7, () -> "old");
        b.get(RISK, 1, 7, () -> "old");
        a.cache.evict("risk", 1L, new Object[] {7});
        published.forEach(b.cache::apply);
        assertEquals("new", a.get(RISK, 1, 7, () -> "new").value());
        assertEquals(
                "new", b.get(RISK, 1, 7, () -> "newer").value(), "b reads a's reload from L2, never its old L1 copy");
    }

    @Test
    void generationBumpHidesEveryEntryOfTheTenantNamespaceOnly() throws Exception {
        a.get(RISK, 1, 7, () -> "old-7");
        a.get(RISK, 1, 8, () -> "old-8");
        a.get(RISK, 2, 7, () -> "other-tenant");
        b.get(RISK, 1, 7, () -> "old-7");
        a.cache.bumpNamespace("risk", 1L);
        published.forEach(b.cache::apply);
        assertEquals("new-7", a.get(RISK, 1, 7, () -> "new-7").value());
        assertEquals("new-8", b.get(RISK, 1, 8, () -> "new-8").value());
        assertEquals("other-tenant", a.get(RISK, 2, 7, () -> "reloaded").value());
    }

    @Test
    void notFoundIsCachedBrieflyAndDroppedByACreate() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        TieredCache.Loader missing = () -> {
            loads.incrementAndGet();
            throw ApiException.notFound("Risk 99");
        };
        assertEquals(
                "Risk 99 not found",
                assertThrows(ApiException.class, () -> a.get(RISK, 1, 99, missing))
                        .getMessage());
        assertThrows(ApiException.class, () -> a.get(RISK, 1, 99, missing));
        assertEquals(1, loads.get(), "the second guess did not reach the loader");
        a.cache.dropNegatives("risk", 1L);
        assertEquals("created", a.get(RISK, 1, 99, () -> "created").value());
        clock.addAndGet(31_000);
        a.cache.evict("risk", 1L, new Object[] {99});
        assertThrows(ApiException.class, () -> a.get(RISK, 1, 99, missing));
        clock.addAndGet(31_000);
        assertEquals("back", a.get(RISK, 1, 99, () -> "back").value(), "negative entries expire after their short TTL");
    }

    @Test
    void otherErrorsAreNeverCached() throws Exception {
        assertThrows(
                ApiException.class,
                () -> a.get(RISK, 1, 5, () -> {
                    throw ApiException.badRequest("bad");
                }));
        assertEquals("ok", a.get(RISK, 1, 5, () -> "ok").value());
    }

    @Test
    void concurrentMissesOfOneKeyRunTheLoaderOnce() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        // the load ends only once all eight readers have started their read, so the reads overlap it (a
        // latch instead of a pause; a reader that still arrives after the load finds the value: one load)
        CountDownLatch allReading = new CountDownLatch(8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TieredCache.Result>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    allReading.countDown();
                    return a.get(RISK, 1, 7, () -> {
                        loads.incrementAndGet();
                        assertTrue(allReading.await(5, TimeUnit.SECONDS), "not all readers reached the cache");
                        return "loaded";
                    });
                }));
            }
            for (Future<TieredCache.Result> result : results) {
                assertEquals("loaded", result.get(5, TimeUnit.SECONDS).value());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, loads.get());
    }

    @Test
    void aValueLoadedBeforeAnEvictionIsNotStored() throws Exception {
        TieredCache.Result stale = a.get(RISK, 1, 7, () -> {
            a.cache.evict("risk", 1L, new Object[] {7});
            return "read-before-the-write-committed";
        });
        assertEquals("read-before-the-write-committed", stale.value());
        assertEquals("fresh", a.get(RISK, 1, 7, () -> "fresh").value());
    }

    @Test
    void anEvictionWhileTheL1PutIsOnItsWayRemovesWhatThePutStores() throws Exception {
        a.l1.holdPuts = true;
        assertEquals(
                "read-before-the-write",
                a.get(RISK, 1, 7, () -> "read-before-the-write").value());
        a.cache.evict("risk", 1L, new Object[] {7});
        a.l1.landHeldPuts();
        runBackground();
        assertTrue(a.l1.map.isEmpty(), "the put that landed after the eviction was withdrawn: " + a.l1.map.keySet());
        assertEquals("fresh", a.get(RISK, 1, 7, () -> "fresh").value());
    }

    @Test
    void aReadWhileTheLoadedValueIsOnItsWayToL1TakesItInsteadOfLoadingAgain() throws Exception {
        redis.available = false;
        a.l1.holdPuts = true;
        AtomicInteger loads = new AtomicInteger();
        a.get(RISK, 1, 7, () -> "v" + loads.incrementAndGet());
        assertEquals(
                "v1", a.get(RISK, 1, 7, () -> "v" + loads.incrementAndGet()).value());
        assertEquals(1, loads.get(), "joined the finished load while its put was in flight");
        a.l1.landHeldPuts();
        assertEquals(
                "l1", a.get(RISK, 1, 7, () -> "v" + loads.incrementAndGet()).tier());
        a.cache.evict("risk", 1L, new Object[] {7});
        a.l1.holdPuts = false;
        assertEquals(
                "v2", a.get(RISK, 1, 7, () -> "v" + loads.incrementAndGet()).value());
    }

    @Test
    void aMissReadsL1OnceUnlessTheKeyWasStoredSinceThatRead() throws Exception {
        redis.available = false;
        a.get(RISK, 1, 7, () -> "loaded");
        assertEquals(1, a.l1.gets.get(), "a miss with no store in between asks L1 once");

        // another request stores key 8 between this one's L1 read and its load
        a.l1.afterGet = () -> {
            a.l1.afterGet = () -> {};
            try {
                a.get(RISK, 1, 8, () -> "stored-by-another-request");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        TieredCache.Result result = a.get(RISK, 1, 8, () -> "loaded-again");
        assertEquals("stored-by-another-request", result.value(), "looked again and used what was stored meanwhile");
    }

    @Test
    void aReadAfterAnEvictionNeverJoinsALoadThatStartedBeforeIt() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<TieredCache.Result> early = pool.submit(() -> a.get(RISK, 1, 7, () -> {
                loading.countDown();
                release.await(5, TimeUnit.SECONDS);
                return "read-before-the-write";
            }));
            assertTrue(loading.await(5, TimeUnit.SECONDS));
            a.cache.evict("risk", 1L, new Object[] {7});
            Future<TieredCache.Result> late = pool.submit(() -> a.get(RISK, 1, 7, () -> "read-after-the-write"));
            assertEquals(
                    "read-after-the-write",
                    late.get(2, TimeUnit.SECONDS).value(),
                    "did not wait for, nor join, the older load");
            release.countDown();
            assertEquals("read-before-the-write", early.get(5, TimeUnit.SECONDS).value());
        } finally {
            pool.shutdownNow();
        }
        assertEquals("read-after-the-write", a.get(RISK, 1, 7, () -> "x").value());
    }

    @Test
    void anL2ValueReadJustBeforeAnEvictionIsNotPromotedToL1() throws Exception {
        a.get(RISK, 1, 7, () -> "old");
        // the write's eviction on node b lands between b's L2 read and its L1 put
        redis.afterGet = () -> {
            redis.afterGet = () -> {};
            b.cache.evict("risk", 1L, new Object[] {7});
        };
        assertEquals("old", b.get(RISK, 1, 7, () -> "loaded").value(), "the read began before the write");
        assertTrue(b.l1.map.isEmpty(), "the evicted value was not kept in L1: " + b.l1.map.keySet());
        assertEquals("new", b.get(RISK, 1, 7, () -> "new").value());
    }

    @Test
    void withoutTheInvalidationChannelL1EntriesLiveOnlyTheSafetyTtl() throws Exception {
        coherent.set(false);
        a.get(RISK, 1, 7, () -> "v");
        long ttl = a.l1.ttlOf(CacheKeys.PREFIX + "risk:1:");
        assertTrue(ttl > 0 && ttl <= 2_000, "ttl " + ttl);
        clock.addAndGet(2_001);
        assertEquals("l2", a.get(RISK, 1, 7, () -> "x").tier());
    }

    @Test
    void redisDownMeansL1AndLoaderOnly() throws Exception {
        redis.available = false;
        assertEquals("miss", a.get(RISK, 1, 7, () -> "v").tier());
        assertEquals("l1", a.get(RISK, 1, 7, () -> "v").tier());
        assertTrue(redis.map.isEmpty());
    }

    @Test
    void resynchronizeClearsL1AndRereadsGenerations() throws Exception {
        a.get(RISK, 1, 7, () -> "v");
        redis.counters.put(CacheKeys.generation("risk", 1L), 5L);
        a.cache.resynchronize();
        assertEquals("miss", a.get(RISK, 1, 7, () -> "v5").tier());
        assertTrue(
                a.l1.map.keySet().stream().anyMatch(k -> k.startsWith(CacheKeys.PREFIX + "risk:1:5:")),
                a.l1.map.keySet().toString());
    }

    @Test
    void anOutageNeverMakesAGenerationGoBackwards() throws Exception {
        a.get(RISK, 1, 7, () -> "v1");
        a.cache.bumpNamespace("risk", 1L);
        redis.available = false;
        a.cache.resynchronize();
        a.cache.bumpNamespace("risk", 1L);
        assertEquals("v2", a.get(RISK, 1, 7, () -> "v2").value());
        a.cache.bumpNamespace("risk", 1L);
        a.cache.resynchronize();
        assertEquals("v3", a.get(RISK, 1, 7, () -> "v3").value(), "never answered by an entry of a reused generation");
    }

    @Test
    void afterAnOutageLocalBumpsAreRaisedInRedisSoOtherNodesSkipPreOutageEntries() throws Exception {
        b.get(RISK, 1, 7, () -> "before-outage");
        redis.available = false;
        a.cache.resynchronize();
        a.cache.bumpNamespace("risk", 1L);
        a.cache.bumpNamespace("risk", 1L);
        redis.available = true;
        published.clear();
        a.cache.resynchronize();
        assertTrue(redis.counters.get(CacheKeys.generation("risk", 1L)) >= 2);
        assertEquals(1, published.size());
        b.l1.clear();
        published.forEach(b.cache::apply);
        assertEquals(
                "after-outage",
                b.get(RISK, 1, 7, () -> "after-outage").value(),
                "B no longer reads the pre-outage L2 entry");
    }

    @Test
    void anEntryEvictedWhileRedisIsUnreachableIsNotServedByOtherNodesAfterwards() throws Exception {
        a.get(RISK, 1, 7, () -> "before-outage");
        b.get(RISK, 1, 7, () -> "before-outage");
        redis.available = false;
        a.cache.resynchronize();
        // the eviction reaches neither L2 nor B now; without a replay B would serve the old value until its TTL
        a.cache.evict("risk", 1L, new Object[] {7});
        redis.available = true;
        published.clear();
        a.cache.resynchronize();
        b.l1.clear();
        published.forEach(b.cache::apply);
        assertEquals("after-outage", b.get(RISK, 1, 7, () -> "after-outage").value());
    }

    @Test
    void anEvictionWhoseRedisCallsFailBeforeTheWatchNoticesIsNotServedByOtherNodesAfterwards() throws Exception {
        a.get(RISK, 1, 7, () -> "before-outage");
        b.get(RISK, 1, 7, () -> "before-outage");
        // the link died a moment ago: A still counts Redis as available, but its delete fails and its message is lost
        redis.failing = true;
        a.cache.evict("risk", 1L, new Object[] {7});
        published.clear();
        redis.failing = false;
        a.cache.resynchronize();
        published.forEach(b.cache::apply);
        assertEquals("after-outage", b.get(RISK, 1, 7, () -> "after-outage").value());
    }

    @Test
    void aBumpMadeWhileRedisCallsFailIsRaisedInRedisWithoutWaitingForAnOutage() throws Exception {
        a.get(RISK, 1, 7, () -> "before");
        // the channel works but the calls time out (slow link, breaker open): the bump stays local and announced
        redis.failing = true;
        a.cache.bumpNamespace("risk", 1L);
        redis.failing = false;
        a.cache.reconcile();
        Node started = new Node("started-later");
        assertEquals("after", started.get(RISK, 1, 7, () -> "after").value(), "read the entry the bump retired");
    }

    @Test
    void aLoadThatStartedBeforeAResynchronizeIsNotStoredAfterIt() throws Exception {
        // the load read the database before a write whose eviction message this node never heard (channel down); the
        // channel returns while it runs. Stored after the L1 clear it would live a full TTL, in both tiers.
        TieredCache.Result old = b.get(RISK, 1, 7, () -> {
            b.cache.resynchronize();
            return "read-before-the-missed-write";
        });
        assertEquals("read-before-the-missed-write", old.value());
        assertTrue(b.l1.map.isEmpty(), "kept in L1: " + b.l1.map.keySet());
        assertTrue(redis.map.isEmpty(), "kept in L2: " + redis.map.keySet());
        assertEquals("current", b.get(RISK, 1, 7, () -> "current").value());
    }

    @Test
    void anL2ValueReadBeforeAResynchronizeIsNotPromotedToL1() throws Exception {
        a.get(RISK, 1, 7, () -> "old");
        redis.afterGet = () -> {
            redis.afterGet = () -> {};
            b.cache.resynchronize();
        };
        assertEquals("old", b.get(RISK, 1, 7, () -> "loaded").value());
        assertTrue(b.l1.map.isEmpty(), "promoted to L1 after the clear: " + b.l1.map.keySet());
    }

    @Test
    void hotEntryNearExpiryIsServedWhileOneBackgroundReloadReplacesIt() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        a.get(MATRIX, 1, "m", () -> "v" + loads.incrementAndGet());
        clock.addAndGet(81_000);
        assertEquals(
                "v1", a.get(MATRIX, 1, "m", () -> "v" + loads.incrementAndGet()).value());
        assertEquals(
                "v1", a.get(MATRIX, 1, "m", () -> "v" + loads.incrementAndGet()).value());
        assertEquals(2, background.size(), "each due hit schedules; the single-flight runs at most one at a time");
        background.get(0).run();
        assertEquals("v2", a.get(MATRIX, 1, "m", () -> "unused").value());
        assertEquals(2, loads.get());
    }

    @Test
    void ownMessagesAreIgnoredAndGenerationsOnlyMoveForward() {
        Generations generations = new Generations(null);
        generations.apply("g", 5);
        generations.apply("g", 3);
        assertEquals(5, generations.current("g"));
        assertEquals(6, generations.bump("g"));
        assertNull(CacheEntry.fromBytes(new byte[] {9, 9}));
    }

    @Test
    void invalidationMessagesRoundTrip() {
        Invalidation message = new Invalidation("n1", Invalidation.Kind.EVICT, "risk", "rb:risk:1:0:1=7;", 0, 42);
        assertEquals(message, Invalidation.decode(message.encode()));
    }
}
