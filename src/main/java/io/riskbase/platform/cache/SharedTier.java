package io.riskbase.platform.cache;

import java.util.OptionalLong;

/**
 * L2: storage shared by all nodes, plus the shared generation counters. Every method may fail (Redis down); the
 * implementation turns failures into "absent"/"not done" answers quickly and reports {@link #available()} so the cache
 * can degrade instead of erroring.
 */
public interface SharedTier {

    boolean available();

    byte[] get(String key);

    void put(String key, byte[] value, long ttlMillis);

    /** Whether the key is gone from the shared tier now (false: the delete failed, the old value may remain). */
    boolean delete(String key);

    /**
     * Deletes the key without waiting for the answer, for a repeat delete nobody waits on; by default the plain
     * {@link #delete}.
     */
    default void deleteWithoutWaiting(String key) {
        delete(key);
    }

    /** The shared value of a generation counter, or empty when it cannot be read now. */
    OptionalLong generation(String id);

    /** Increments a generation counter; empty when that cannot be done now. */
    OptionalLong incrementGeneration(String id);

    /** Sets a generation counter to at least {@code atLeast} (never lowers it); the resulting value, or empty. */
    OptionalLong raiseGeneration(String id, long atLeast);
}
