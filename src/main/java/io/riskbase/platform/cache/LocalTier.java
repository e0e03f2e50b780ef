package io.riskbase.platform.cache;

/** L1: this node's memory. Size-bounded; every entry has its own time to live. */
public interface LocalTier {

    byte[] get(String namespace, String key);

    void put(String namespace, String key, byte[] value, long ttlMillis);

    void remove(String namespace, String key);

    /** Drops every entry of every namespace (used when cross-node invalidation may have been missed). */
    void clear();

    long size();
}
