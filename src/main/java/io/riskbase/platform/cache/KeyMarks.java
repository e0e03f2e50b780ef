package io.riskbase.platform.cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers, per key, the order of the last time something happened to it (an eviction, a store), so that an operation
 * that began at {@link #now()} can ask whether it happened since. Only recent marks are kept: the operations asking
 * take far less time than thousands of marks.
 */
final class KeyMarks {

    private static final int MEMORY = 10_000;

    private final ConcurrentHashMap<String, Long> marks = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    long now() {
        return sequence.get();
    }

    void mark(String key) {
        long at = sequence.incrementAndGet();
        marks.put(key, at);
        if (marks.size() > MEMORY) {
            marks.values().removeIf(s -> s < at - MEMORY / 2);
        }
    }

    boolean markedSince(String key, long since) {
        Long at = marks.get(key);
        return at != null && at > since;
    }
}
