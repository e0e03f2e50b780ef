package io.riskbase.platform.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** L1: this node's memory. Size-bounded; every entry has its own time to live. */
public interface LocalTier {

    byte[] get(String namespace, String key);

    void put(String namespace, String key, byte[] value, long ttlMillis);

    void remove(String namespace, String key);

    /** A put the caller need not wait for; completes once a read would see it. */
    default CompletionStage<?> putAsync(String namespace, String key, byte[] value, long ttlMillis) {
        put(namespace, key, value, ttlMillis);
        return CompletableFuture.completedFuture(null);
    }

    /** Drops every entry of every namespace (used when cross-node invalidation may have been missed). */
    void clear();

    long size();
}
