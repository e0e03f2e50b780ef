package io.riskbase.platform.cache;

import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's view of the generation counters. Reads are local map lookups; the first read of a
 * counter asks the shared tier once. Bumps go to the shared tier when it is available (so all nodes
 * agree on the number) and the result arrives at other nodes through the invalidation channel;
 * values only ever move forward locally.
 */
public final class Generations {

    private final ConcurrentHashMap<String, Long> local = new ConcurrentHashMap<>();
    private final SharedTier shared;

    public Generations(SharedTier shared) {
        this.shared = shared;
    }

    public long current(String id) {
        Long known = local.get(id);
        if (known != null) {
            return known;
        }
        long fetched = shared == null || !shared.available() ? 0L : shared.generation(id).orElse(0L);
        return local.merge(id, fetched, Math::max);
    }

    /** Moves the counter forward and returns the new value, to be published to other nodes. */
    public long bump(String id) {
        long base = current(id);
        long next = shared != null && shared.available() ? shared.incrementGeneration(id).orElse(base + 1) : base + 1;
        return local.merge(id, Math.max(next, base + 1), Math::max);
    }

    /** Applies a value announced by another node. */
    public void apply(String id, long generation) {
        local.merge(id, generation, Math::max);
    }

    /** Forgets every known value, so the next read asks the shared tier again (after a reconnect). */
    public void forget() {
        local.clear();
    }
}
