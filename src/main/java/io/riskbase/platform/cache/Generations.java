package io.riskbase.platform.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * This node's view of the generation counters. Reads are local map lookups; the first read of a counter asks the shared
 * tier once. Bumps go to the shared tier when it is available (so all nodes agree on the number) and the result reaches
 * other nodes through the invalidation channel.
 *
 * <p>A counter never moves backwards on a node — reusing a generation could resurrect entries stored under it. While
 * the shared tier is unreachable, or the request has spent its Redis budget, bumps are local and remembered as dirty;
 * {@link #reconcile()} then moves the shared counters past both their own value and the local one, so that entries
 * other nodes stored before the bump become unreachable.
 */
public final class Generations {

    /** A counter value to announce to other nodes. */
    public record Announcement(String id, long generation) {}

    private final ConcurrentHashMap<String, Long> local = new ConcurrentHashMap<>();
    private final Set<String> refreshed = ConcurrentHashMap.newKeySet();
    /** Dirty counters, each with the stamp of its last local bump: a reconcile clears only what it raised. */
    private final ConcurrentHashMap<String, Long> dirty = new ConcurrentHashMap<>();

    private final AtomicLong stamps = new AtomicLong();
    private final SharedTier shared;
    private final BooleanSupplier overBudget;

    public Generations(SharedTier shared) {
        this(shared, () -> false);
    }

    /** {@code overBudget}: whether the calling request may make no more Redis calls (then bumps stay local). */
    public Generations(SharedTier shared, BooleanSupplier overBudget) {
        this.shared = shared;
        this.overBudget = overBudget;
    }

    public long current(String id) {
        Long known = local.get(id);
        // over budget, a counter not re-read since a resynchronization keeps its local value: the request then uses
        // neither L2 nor full L1 TTLs, so an old number can only cost a miss or a short-lived entry
        if (known != null && (refreshed.contains(id) || !sharedAvailable() || overBudget.getAsBoolean())) {
            return known;
        }
        OptionalLong fetched = sharedAvailable() ? shared.generation(id) : OptionalLong.empty();
        if (fetched.isPresent()) {
            refreshed.add(id);
        }
        return local.merge(id, fetched.orElse(0L), Math::max);
    }

    /** Moves the counter forward and returns the new value, to be published to other nodes. */
    public long bump(String id) {
        long base = current(id);
        OptionalLong incremented =
                sharedAvailable() && !overBudget.getAsBoolean() ? shared.incrementGeneration(id) : OptionalLong.empty();
        if (incremented.isEmpty()) {
            dirty.put(id, stamps.incrementAndGet());
        }
        return local.merge(id, Math.max(incremented.orElse(0L), base + 1), Math::max);
    }

    /** Applies a value announced by another node. */
    public void apply(String id, long generation) {
        local.merge(id, generation, Math::max);
    }

    /** The next read of every counter asks the shared tier again (keeping the larger value). */
    public void refreshAll() {
        refreshed.clear();
    }

    /** Whether a local bump of the counter still waits for {@link #reconcile()}. */
    public boolean pending() {
        return !dirty.isEmpty();
    }

    /**
     * Moves the shared counters bumped only locally past their shared value (another node may have stored entries under
     * it before this node's write: raising to the local value alone would keep them when the shared counter had already
     * passed it) and past the local value (which this node used); returns the values to announce. Counters that cannot
     * be moved now stay dirty.
     */
    public List<Announcement> reconcile() {
        List<Announcement> announcements = new ArrayList<>();
        if (!sharedAvailable()) {
            return announcements;
        }
        for (var pending : List.copyOf(dirty.entrySet())) {
            String id = pending.getKey();
            OptionalLong moved = shared.incrementGeneration(id);
            long mine = local.getOrDefault(id, 0L);
            if (moved.isPresent() && moved.getAsLong() <= mine) {
                moved = shared.raiseGeneration(id, mine + 1);
            }
            if (moved.isPresent()) {
                dirty.remove(id, pending.getValue());
                announcements.add(new Announcement(id, local.merge(id, moved.getAsLong(), Math::max)));
            }
        }
        return announcements;
    }

    Map<String, Long> snapshot() {
        return Map.copyOf(local);
    }

    private boolean sharedAvailable() {
        return shared != null && shared.available();
    }
}
