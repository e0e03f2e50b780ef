package io.riskbase.platform.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's view of the generation counters. Reads are local map lookups; the first read of a counter asks the shared
 * tier once. Bumps go to the shared tier when it is available (so all nodes agree on the number) and the result reaches
 * other nodes through the invalidation channel.
 *
 * <p>A counter never moves backwards on a node — reusing a generation could resurrect entries stored under it. While
 * the shared tier is unreachable, bumps are local and remembered as dirty; once it is back, {@link #reconcile()} raises
 * the shared counters to at least the local values so that entries other nodes stored in L2 before the outage become
 * unreachable.
 */
public final class Generations {

    /** A counter value to announce to other nodes. */
    public record Announcement(String id, long generation) {}

    private final ConcurrentHashMap<String, Long> local = new ConcurrentHashMap<>();
    private final Set<String> refreshed = ConcurrentHashMap.newKeySet();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final SharedTier shared;

    public Generations(SharedTier shared) {
        this.shared = shared;
    }

    public long current(String id) {
        Long known = local.get(id);
        if (known != null && (refreshed.contains(id) || !sharedAvailable())) {
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
        OptionalLong incremented = sharedAvailable() ? shared.incrementGeneration(id) : OptionalLong.empty();
        if (incremented.isEmpty()) {
            dirty.add(id);
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

    /**
     * Raises the shared counters bumped locally during an outage to above the local values; returns the values to
     * announce. Counters that cannot be raised now stay dirty.
     */
    public List<Announcement> reconcile() {
        List<Announcement> announcements = new ArrayList<>();
        if (!sharedAvailable()) {
            return announcements;
        }
        for (String id : List.copyOf(dirty)) {
            OptionalLong raised = shared.raiseGeneration(id, local.getOrDefault(id, 0L) + 1);
            if (raised.isPresent()) {
                dirty.remove(id);
                announcements.add(new Announcement(id, local.merge(id, raised.getAsLong(), Math::max)));
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
