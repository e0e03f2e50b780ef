package io.riskbase.platform.cache;

import io.riskbase.platform.errors.NotFoundException;
import io.riskbase.platform.redis.RedisBudget;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The read-through two-tier cache: L1 → L2 → loader, a load filling both tiers with the same bytes. Plain Java with its
 * collaborators passed in, so that every rule here is unit-tested without a container; {@link CacheRuntime} wires it to
 * Hazelcast, Redis and MicroProfile.
 */
public final class TieredCache {

    public static final String TIER_L1 = "l1";
    public static final String TIER_L2 = "l2";
    public static final String TIER_MISS = "miss";

    private static final Logger LOG = Logger.getLogger(TieredCache.class.getName());

    /** Produces the value on a miss (the cached method itself). */
    @FunctionalInterface
    public interface Loader {
        Object load() throws Exception;
    }

    /** Turns values into the stored JSON and back. */
    public interface Codec {
        byte[] encode(Object value);

        Object decode(byte[] json);

        /** The strong ETag stored with a loaded value: its own when it has one, else the hash of its JSON. */
        default String etag(Object value, byte[] json) {
            return value instanceof EntityTagged tagged ? tagged.entityTag() : CacheEntry.etagOf(json);
        }
    }

    /**
     * A value and where it came from, with the stored JSON it was made from (the bytes a response can send as they
     * are). {@code value} is null when the caller asked for the JSON only and the value was not at hand.
     */
    public record Result(Object value, String tier, String etag, byte[] json) {}

    /** {@code stored}: completes once L1 holds the entry (at once when nothing was stored). */
    private record Loaded(CacheEntry entry, Object value, CompletionStage<?> stored) {}

    private static final CompletionStage<Void> NOTHING_STORED = CompletableFuture.completedFuture(null);

    private final LocalTier l1;
    private final SharedTier l2;
    private final Generations generations;
    private final SingleFlight<String, Loaded> singleFlight;
    private final Consumer<Invalidation> publisher;
    private final CacheStatistics statistics;
    private final LongSupplier clock;
    private final Executor refresher;
    private final BooleanSupplier coherent;
    private final long degradedL1TtlMillis;
    private final String nodeId;
    private final RedisBudget budget;
    /** Recently evicted keys: a load that started before a key's eviction must not store it. */
    private final KeyMarks evicted = new KeyMarks();
    /**
     * Recently stored keys: a miss whose key was stored since its L1 read looks again before loading; any other skips
     * that second L1 read, which with the near cache is a round trip to the member.
     */
    private final KeyMarks stored = new KeyMarks();
    /**
     * One reconcile at a time off the request threads: on a slow link each takes round trips, and they share a pool.
     */
    private final AtomicBoolean reconcileScheduled = new AtomicBoolean();
    /**
     * Moves on every {@link #resynchronize()}: a value read before it may miss a write whose invalidation message this
     * node never heard, so it must not be stored after the L1 clear (where it would live a full TTL).
     */
    private final AtomicLong epoch = new AtomicLong();

    /**
     * {@code budget}: once the calling request has spent its Redis time, the rest of it reads and writes as a node cut
     * off from Redis does (no L2, L1 entries with the degraded TTL, local generation bumps raised in Redis off the
     * request thread).
     */
    public TieredCache(
            LocalTier l1,
            SharedTier l2,
            Generations generations,
            Duration loadWait,
            Consumer<Invalidation> publisher,
            CacheStatistics statistics,
            LongSupplier clock,
            Executor refresher,
            BooleanSupplier coherent,
            long degradedL1TtlMillis,
            String nodeId,
            RedisBudget budget) {
        this.budget = budget;
        this.l1 = l1;
        this.l2 = l2;
        this.generations = generations;
        this.singleFlight = new SingleFlight<>(loadWait);
        this.publisher = publisher;
        this.statistics = statistics;
        this.clock = clock;
        this.refresher = refresher;
        this.coherent = coherent;
        this.degradedL1TtlMillis = degradedL1TtlMillis;
        this.nodeId = nodeId;
    }

    public Result get(NamespacePolicy ns, Long tenant, Object[] args, Codec codec, Loader loader) throws Exception {
        return get(ns, tenant, args, codec, loader, true);
    }

    /**
     * Reads through the tiers; with {@code decode} false a hit is answered with its stored JSON only (no value
     * decoded), for a response that sends those bytes as they are.
     */
    public Result get(NamespacePolicy ns, Long tenant, Object[] args, Codec codec, Loader loader, boolean decode)
            throws Exception {
        String key =
                CacheKeys.entry(ns.name(), tenant, generations.current(CacheKeys.generation(ns.name(), tenant)), args);
        long now = clock.getAsLong();
        long evictionsBefore = evicted.now();
        long storesBefore = stored.now();
        long epochBefore = epoch.get();

        CacheEntry entry = usable(ns, tenant, CacheEntry.fromBytes(l1.get(ns.name(), key)));
        if (entry != null) {
            statistics.hit(ns.name(), TIER_L1);
            refreshAheadIfDue(ns, tenant, key, entry, now, codec, loader);
            return answer(entry, codec, TIER_L1, decode);
        }
        if (sharedUsable()) {
            byte[] shared = l2.get(key);
            entry = usable(ns, tenant, CacheEntry.fromBytes(shared));
            if (entry != null) {
                // an eviction between our L2 read and this put must win: put, then re-check
                if (!outdated(key, evictionsBefore, epochBefore)) {
                    long ttl = l1Ttl(Math.max(1_000, ttlOf(ns, entry) - entry.ageMillis(now)));
                    storeInL1(ns.name(), key, shared, ttl, evictionsBefore, epochBefore);
                }
                statistics.hit(ns.name(), TIER_L2);
                return answer(entry, codec, TIER_L2, decode);
            }
        }
        statistics.miss(ns.name());
        // requests arriving while the loaded value is on its way to L1 take it rather than load again
        Loaded loaded = singleFlight.run(
                key, () -> storedMeanwhileOrLoad(ns, tenant, key, storesBefore, codec, loader), Loaded::stored);
        if (loaded.entry().negative()) {
            throw new NotFoundException(loaded.entry().message());
        }
        Object value = loaded.value() != null || !decode
                ? loaded.value()
                : codec.decode(loaded.entry().payload());
        return new Result(
                value, TIER_MISS, loaded.entry().etag(), loaded.entry().payload());
    }

    /**
     * Evicts the entry the read of {@code args} would use, on every node. L2 is deleted both before and after the local
     * eviction mark, so a concurrent reader either sees the mark and withdraws what it stored, or stored before the
     * second delete.
     */
    public void evict(String namespace, Long tenant, Object[] args) {
        String key =
                CacheKeys.entry(namespace, tenant, generations.current(CacheKeys.generation(namespace, tenant)), args);
        // over budget the deletes are skipped: the generation bump below retires the entry instead, without a call
        boolean shared = sharedUsable();
        boolean deleted = shared && l2.delete(key);
        evictLocally(namespace, key);
        if (shared) {
            deleted &= l2.delete(key);
        }
        publish(new Invalidation(nodeId, Invalidation.Kind.EVICT, namespace, key, 0, clock.getAsLong()));
        if (l2 != null && !deleted) {
            // cut off from Redis (known, or found out by this delete failing before the watch noticed), this eviction
            // reaches neither L2 nor the other nodes, and nothing replays it on reconnect: the old value would stay
            // served elsewhere until its TTL. A generation bump is remembered and raised in Redis when the link is
            // back (resynchronize), which makes the entry unreachable everywhere.
            bump(namespace, CacheKeys.generation(namespace, tenant));
        }
    }

    /** Makes every entry of the tenant's namespace unreachable, on every node. */
    public void bumpNamespace(String namespace, Long tenant) {
        bump(namespace, CacheKeys.generation(namespace, tenant));
    }

    /** Drops the tenant's cached not-found answers of the namespace, on every node. */
    public void dropNegatives(String namespace, Long tenant) {
        bump(namespace, CacheKeys.negativeGeneration(namespace, tenant));
    }

    private void bump(String namespace, String id) {
        long generation = generations.bump(id);
        statistics.eviction(namespace, TIER_L1);
        publish(new Invalidation(nodeId, Invalidation.Kind.GENERATION, namespace, id, generation, clock.getAsLong()));
        if (generations.pending() && l2 != null && l2.available() && reconcileScheduled.compareAndSet(false, true)) {
            // a local bump (over budget, or its call failed) may reuse a number another node already stores under;
            // raising it in Redis now, not at the watch's next tick, keeps that window to about one round trip
            try {
                refresher.execute(() -> {
                    try {
                        reconcile();
                    } finally {
                        reconcileScheduled.set(false);
                    }
                });
            } catch (RuntimeException rejected) {
                reconcileScheduled.set(false);
                LOG.log(Level.FINE, "reconcile left to the watch", rejected);
            }
        }
    }

    /** Applies a message another node published. */
    public void apply(Invalidation message) {
        if (nodeId.equals(message.origin())) {
            return;
        }
        statistics.invalidationReceived(Math.max(0, clock.getAsLong() - message.sentAtMillis()) * 1_000_000);
        if (message.kind() == Invalidation.Kind.GENERATION) {
            generations.apply(message.id(), message.generation());
        } else {
            evictLocally(message.namespace(), message.id());
            // the sender deleted it from L2 too; deleting again closes the window in which this node
            // stored a value it had loaded before the sender's write committed. Without waiting for the answer, so
            // that one Redis round trip delays neither the next message nor a thread that serves requests.
            if (l2 != null && l2.available()) {
                l2.deleteWithoutWaiting(message.id());
            }
        }
    }

    /**
     * Called when cross-node invalidation may have been missed (channel lost or regained): drops L1, re-reads the
     * shared generations, and announces the ones this node moved while disconnected.
     */
    public void resynchronize() {
        // before the clear: a load that passed its check before this line stores before the clear and is dropped by
        // it; one that checks after it sees the new epoch
        epoch.incrementAndGet();
        l1.clear();
        generations.refreshAll();
        reconcile();
    }

    /**
     * Raises in Redis the generations this node could only bump locally (Redis unreachable, or its calls timing out
     * behind an open breaker while the channel still works) and announces them. Until then a node that did not hear the
     * bump — one started since — would read the lower shared counter and could serve an entry the bump retired. The
     * watch calls this on every tick while coherent; it costs nothing when no bump is pending.
     */
    public void reconcile() {
        for (Generations.Announcement announcement : generations.reconcile()) {
            publish(new Invalidation(
                    nodeId,
                    Invalidation.Kind.GENERATION,
                    "*",
                    announcement.id(),
                    announcement.generation(),
                    clock.getAsLong()));
        }
    }

    private void evictLocally(String namespace, String key) {
        evicted.mark(key);
        singleFlight.detach(key);
        l1.remove(namespace, key);
        statistics.eviction(namespace, TIER_L1);
    }

    private void publish(Invalidation message) {
        try {
            publisher.accept(message);
            statistics.invalidationSent();
        } catch (RuntimeException e) {
            statistics.sharedTierError();
            LOG.log(Level.FINE, "invalidation not published", e);
        }
    }

    private CacheEntry usable(NamespacePolicy ns, Long tenant, CacheEntry entry) {
        if (entry != null
                && entry.negative()
                && entry.negativeGeneration() != generations.current(CacheKeys.negativeGeneration(ns.name(), tenant))) {
            return null;
        }
        return entry;
    }

    private Result answer(CacheEntry entry, Codec codec, String tier, boolean decode) {
        if (entry.negative()) {
            throw new NotFoundException(entry.message());
        }
        return new Result(decode ? codec.decode(entry.payload()) : null, tier, entry.etag(), entry.payload());
    }

    /** A load that finished between the request's L1 read and its turn to load has stored its value: use it. */
    private Loaded storedMeanwhileOrLoad(
            NamespacePolicy ns, Long tenant, String key, long storesBefore, Codec codec, Loader loader)
            throws Exception {
        if (stored.markedSince(key, storesBefore)) {
            CacheEntry entry = usable(ns, tenant, CacheEntry.fromBytes(l1.get(ns.name(), key)));
            if (entry != null) {
                return new Loaded(entry, null, NOTHING_STORED);
            }
        }
        return loadAndStore(ns, tenant, key, codec, loader);
    }

    private Loaded loadAndStore(NamespacePolicy ns, Long tenant, String key, Codec codec, Loader loader)
            throws Exception {
        long started = clock.getAsLong();
        long evictionsBefore = evicted.now();
        long epochBefore = epoch.get();
        long startNanos = System.nanoTime();
        CacheEntry entry;
        Object value = null;
        try {
            value = loader.load();
            byte[] json = codec.encode(value);
            entry = CacheEntry.value(started, json, codec.etag(value, json));
        } catch (NotFoundException e) {
            if (ns.negativeTtlMillis() <= 0) {
                throw e;
            }
            long negativeGeneration = generations.current(CacheKeys.negativeGeneration(ns.name(), tenant));
            entry = CacheEntry.notFound(started, negativeGeneration, e.what());
        } finally {
            statistics.load(ns.name(), System.nanoTime() - startNanos);
        }
        CompletionStage<?> inL1 = NOTHING_STORED;
        if (!outdated(key, evictionsBefore, epochBefore)) {
            byte[] bytes = entry.toBytes();
            long ttl = ttlOf(ns, entry);
            inL1 = storeInL1(ns.name(), key, bytes, l1Ttl(ttl), evictionsBefore, epochBefore);
            if (sharedUsable()) {
                l2.put(key, bytes, ttl);
                // a value read before a write committed must not survive that write's eviction
                if (outdated(key, evictionsBefore, epochBefore)) {
                    l2.delete(key);
                }
            }
        }
        return new Loaded(entry, value, inL1);
    }

    private boolean outdated(String key, long evictionsBefore, long epochBefore) {
        return epoch.get() != epochBefore || evicted.markedSince(key, evictionsBefore);
    }

    /**
     * Stores in L1 without making the request wait for it. A value read before a write committed must not survive that
     * write's eviction: the check runs once the put has landed, so an eviction either came before it (and is seen) or
     * removes what the put stored. The removal waits for the member (a read between could otherwise put the old value
     * back into the near cache), so it runs on the refresher, never on Hazelcast's thread that completed the put.
     */
    private CompletionStage<?> storeInL1(
            String namespace, String key, byte[] bytes, long ttl, long evictionsBefore, long epochBefore) {
        return l1.putAsync(namespace, key, bytes, ttl).whenComplete((ignored, failure) -> {
            if (failure == null) {
                stored.mark(key);
            }
            if (failure != null || outdated(key, evictionsBefore, epochBefore)) {
                try {
                    refresher.execute(() -> l1.remove(namespace, key));
                } catch (RuntimeException rejected) {
                    LOG.log(Level.WARNING, "an L1 entry stored after its eviction could not be withdrawn", rejected);
                }
            }
        });
    }

    private void refreshAheadIfDue(
            NamespacePolicy ns, Long tenant, String key, CacheEntry entry, long now, Codec codec, Loader loader) {
        if (entry.negative() || !ns.refreshDue(entry.ageMillis(now)) || singleFlight.isLoading(key)) {
            return;
        }
        try {
            refresher.execute(() -> {
                try {
                    singleFlight.run(key, () -> loadAndStore(ns, tenant, key, codec, loader), Loaded::stored);
                } catch (Exception e) {
                    LOG.log(Level.FINE, "refresh-ahead of " + key + " failed; the entry expires normally", e);
                }
            });
        } catch (RuntimeException rejected) {
            LOG.log(Level.FINE, "refresh-ahead not scheduled", rejected);
        }
    }

    private long ttlOf(NamespacePolicy ns, CacheEntry entry) {
        return entry.negative() ? ns.negativeTtlMillis() : ns.ttlMillis();
    }

    private long l1Ttl(long ttl) {
        return coherent.getAsBoolean() && !budget.exhausted() ? ttl : Math.min(ttl, degradedL1TtlMillis);
    }

    /** L2 is there and the calling request may still spend Redis time. */
    private boolean sharedUsable() {
        return l2 != null && l2.available() && !budget.exhausted();
    }
}
