package io.riskbase.platform.cache;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs at most one load per key at a time on this node: concurrent callers for the same key wait for the first caller's
 * result (or its exception). A waiter that times out loads on its own rather than failing, so a stuck loader delays but
 * never breaks its followers.
 */
public final class SingleFlight<K, V> {

    private static final CompletionStage<Void> SETTLED = CompletableFuture.completedFuture(null);

    private final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();
    private final Duration maxWait;

    public SingleFlight(Duration maxWait) {
        this.maxWait = maxWait;
    }

    public V run(K key, Callable<V> loader) throws Exception {
        return run(key, loader, value -> SETTLED);
    }

    /**
     * As {@link #run(Object, Callable)}, but callers arriving after the load finished still join it until
     * {@code settled} of its value completes (at most the wait bound): while the value is on its way to where they
     * would find it, they take it instead of loading again.
     */
    public V run(K key, Callable<V> loader, Function<? super V, ? extends CompletionStage<?>> settled)
            throws Exception {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing = inFlight.putIfAbsent(key, mine);
        if (existing != null) {
            return await(existing, loader);
        }
        V value;
        CompletionStage<?> until;
        try {
            value = loader.call();
            mine.complete(value);
            until = settled.apply(value);
        } catch (Exception | Error e) {
            mine.completeExceptionally(e);
            inFlight.remove(key, mine);
            throw e;
        }
        until.toCompletableFuture()
                .orTimeout(maxWait.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ignored, failure) -> inFlight.remove(key, mine));
        return value;
    }

    /**
     * Detaches the key's running load, if any: callers arriving from now on start a new load instead of joining one
     * that may have read data older than an eviction.
     */
    public void detach(K key) {
        inFlight.remove(key);
    }

    /** Whether a load of the key is running now (used to start at most one refresh-ahead). */
    public boolean isLoading(K key) {
        return inFlight.containsKey(key);
    }

    private V await(CompletableFuture<V> existing, Callable<V> loader) throws Exception {
        try {
            return existing.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return loader.call();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }
}
