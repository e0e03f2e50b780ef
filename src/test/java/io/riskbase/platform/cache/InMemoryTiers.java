package io.riskbase.platform.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/** Map-backed tiers with expiry on a controllable clock, standing in for Hazelcast and Redis in unit tests. */
final class InMemoryTiers {

    private InMemoryTiers() {}

    record Stored(byte[] value, long expiresAt) {}

    static final class Local implements LocalTier {
        final ConcurrentHashMap<String, Stored> map = new ConcurrentHashMap<>();
        final LongSupplier clock;
        final AtomicInteger gets = new AtomicInteger();
        /** Runs after every read, to interleave another operation between a read and what follows it. */
        volatile Runnable afterGet = () -> {};
        /** While set, asynchronous puts land only when {@link #landHeldPuts()} is called, as on a slow member. */
        volatile boolean holdPuts;

        private final List<Runnable> heldPuts = new ArrayList<>();

        Local(LongSupplier clock) {
            this.clock = clock;
        }

        @Override
        public byte[] get(String namespace, String key) {
            gets.incrementAndGet();
            Stored s = map.get(key);
            afterGet.run();
            return s == null || s.expiresAt() <= clock.getAsLong() ? null : s.value();
        }

        @Override
        public void put(String namespace, String key, byte[] value, long ttlMillis) {
            map.put(key, new Stored(value, clock.getAsLong() + ttlMillis));
        }

        @Override
        public CompletionStage<?> putAsync(String namespace, String key, byte[] value, long ttlMillis) {
            if (!holdPuts) {
                return LocalTier.super.putAsync(namespace, key, value, ttlMillis);
            }
            CompletableFuture<Void> landed = new CompletableFuture<>();
            synchronized (heldPuts) {
                heldPuts.add(() -> {
                    put(namespace, key, value, ttlMillis);
                    landed.complete(null);
                });
            }
            return landed;
        }

        void landHeldPuts() {
            List<Runnable> held;
            synchronized (heldPuts) {
                held = new ArrayList<>(heldPuts);
                heldPuts.clear();
            }
            held.forEach(Runnable::run);
        }

        @Override
        public void remove(String namespace, String key) {
            map.remove(key);
        }

        @Override
        public void clear() {
            map.clear();
        }

        @Override
        public long size() {
            return map.size();
        }

        long ttlOf(String keyPrefix) {
            return map.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(keyPrefix))
                    .findFirst()
                    .map(e -> e.getValue().expiresAt() - clock.getAsLong())
                    .orElse(-1L);
        }
    }

    static final class Shared implements SharedTier {
        final ConcurrentHashMap<String, Stored> map = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Long> counters = new ConcurrentHashMap<>();
        final LongSupplier clock;
        volatile boolean available = true;
        /** Every call fails while the tier still counts as available: the link died before the watch noticed. */
        volatile boolean failing;
        /** Runs after every read, to interleave another operation between a read and what follows it. */
        volatile Runnable afterGet = () -> {};

        Shared(LongSupplier clock) {
            this.clock = clock;
        }

        @Override
        public boolean available() {
            return available;
        }

        @Override
        public byte[] get(String key) {
            Stored s = map.get(key);
            byte[] value = s == null || s.expiresAt() <= clock.getAsLong() ? null : s.value();
            afterGet.run();
            return value;
        }

        @Override
        public void put(String key, byte[] value, long ttlMillis) {
            map.put(key, new Stored(value, clock.getAsLong() + ttlMillis));
        }

        @Override
        public boolean delete(String key) {
            if (failing) {
                return false;
            }
            map.remove(key);
            return true;
        }

        @Override
        public OptionalLong generation(String id) {
            return failing ? OptionalLong.empty() : OptionalLong.of(counters.getOrDefault(id, 0L));
        }

        @Override
        public OptionalLong incrementGeneration(String id) {
            return available && !failing ? OptionalLong.of(counters.merge(id, 1L, Long::sum)) : OptionalLong.empty();
        }

        @Override
        public OptionalLong raiseGeneration(String id, long atLeast) {
            return available && !failing
                    ? OptionalLong.of(counters.merge(id, atLeast, Math::max))
                    : OptionalLong.empty();
        }
    }
}
