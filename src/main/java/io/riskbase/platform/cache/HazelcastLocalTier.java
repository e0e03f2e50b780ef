package io.riskbase.platform.cache;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.ICache;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.CacheConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.spi.CachingProvider;

/**
 * L1 on an embedded Hazelcast member through JCache: one size-bounded (LRU) cache per namespace, each entry with its
 * own expiry. The member deliberately never joins others (own cluster name, no discovery): L1 is node-local, and nodes
 * stay coherent through the Redis invalidation channel.
 *
 * <p>A read on the member itself is an operation on the key's partition thread, which the request thread waits for.
 * With {@code nearCache} the caches are used through a Hazelcast client in the same JVM, connected to this member over
 * loopback, whose near cache answers a hit on the caller's thread. That client is the member's only user, so every
 * write and removal passes through it and updates its near cache synchronously (Hazelcast applies no invalidation event
 * to the client that caused it, and none are subscribed to: {@code invalidate-on-change} is off). A near-cache record
 * knows no per-entry expiry, so every value is stored behind the instant it expires, checked on each read: an entry
 * written with a short TTL (degraded mode, an L2 copy's remaining life) is never served past it.
 */
public final class HazelcastLocalTier implements LocalTier, AutoCloseable {

    private static final String MEMBER_PROVIDER = "com.hazelcast.cache.HazelcastMemberCachingProvider";
    private static final String CLIENT_PROVIDER = "com.hazelcast.client.cache.HazelcastClientCachingProvider";
    private static final int EXPIRY_BYTES = Long.BYTES;

    private final HazelcastInstance member;
    private final HazelcastInstance client;
    private final CacheManager cacheManager;
    private final int maxEntriesPerNamespace;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, ICache<String, byte[]>> caches = new ConcurrentHashMap<>();

    public HazelcastLocalTier(String nodeId, int maxEntriesPerNamespace, boolean nearCache, LongSupplier clock) {
        this.maxEntriesPerNamespace = maxEntriesPerNamespace;
        this.clock = clock;
        String name = "riskbase-l1-" + nodeId;
        ClassLoader loader = HazelcastLocalTier.class.getClassLoader();
        member = Hazelcast.newHazelcastInstance(memberConfig(name, loader));
        client = nearCache ? HazelcastClient.newHazelcastClient(clientConfig(name, member, loader)) : null;
        CachingProvider provider = Caching.getCachingProvider(nearCache ? CLIENT_PROVIDER : MEMBER_PROVIDER, loader);
        cacheManager = provider.getCacheManager(
                null, loader, HazelcastCachingProvider.propertiesByInstanceItself(nearCache ? client : member));
    }

    private static Config memberConfig(String name, ClassLoader loader) {
        Config config = new Config();
        config.setInstanceName(name);
        config.setClusterName(name);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.partition.count", "31");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getJetConfig().setEnabled(false);
        config.getNetworkConfig().setPort(5701).setPortAutoIncrement(true).setPortCount(200);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.setClassLoader(loader);
        return config;
    }

    private ClientConfig clientConfig(String name, HazelcastInstance member, ClassLoader loader) {
        InetSocketAddress address = member.getCluster().getLocalMember().getSocketAddress();
        ClientConfig config = new ClientConfig();
        config.setInstanceName(name + "-client");
        config.setClusterName(name);
        config.setClassLoader(loader);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.client.shutdownhook.enabled", "false");
        config.getNetworkConfig().addAddress(address.getHostString() + ":" + address.getPort());
        config.addNearCacheConfig(new NearCacheConfig("*")
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setSerializeKeys(false)
                .setInvalidateOnChange(false)
                .setEvictionConfig(new EvictionConfig()
                        .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT)
                        .setSize(maxEntriesPerNamespace)
                        .setEvictionPolicy(EvictionPolicy.LRU)));
        return config;
    }

    private ICache<String, byte[]> cache(String namespace) {
        return caches.computeIfAbsent(namespace, name -> {
            CacheConfig<String, byte[]> config = new CacheConfig<>();
            config.setTypes(String.class, byte[].class);
            config.setInMemoryFormat(InMemoryFormat.BINARY);
            config.setEvictionConfig(new EvictionConfig()
                    .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT)
                    .setSize(maxEntriesPerNamespace)
                    .setEvictionPolicy(EvictionPolicy.LRU));
            config.setStatisticsEnabled(false);
            javax.cache.Cache<String, byte[]> cache = cacheManager.getCache(name, String.class, byte[].class);
            if (cache == null) {
                cache = cacheManager.createCache(name, config);
            }
            @SuppressWarnings("unchecked")
            ICache<String, byte[]> icache = cache.unwrap(ICache.class);
            return icache;
        });
    }

    @Override
    public byte[] get(String namespace, String key) {
        byte[] stored = cache(namespace).get(key);
        if (stored == null || ByteBuffer.wrap(stored).getLong() <= clock.getAsLong()) {
            return null;
        }
        // a copy: with the near cache, the stored array itself is what every later hit returns
        return Arrays.copyOfRange(stored, EXPIRY_BYTES, stored.length);
    }

    @Override
    public void put(String namespace, String key, byte[] value, long ttlMillis) {
        long ttl = Math.max(1, ttlMillis);
        cache(namespace).put(key, withExpiry(value, ttl), expiry(ttl));
    }

    @Override
    public CompletionStage<Void> putAsync(String namespace, String key, byte[] value, long ttlMillis) {
        long ttl = Math.max(1, ttlMillis);
        return cache(namespace).putAsync(key, withExpiry(value, ttl), expiry(ttl));
    }

    private byte[] withExpiry(byte[] value, long ttl) {
        return ByteBuffer.allocate(EXPIRY_BYTES + value.length)
                .putLong(clock.getAsLong() + ttl)
                .put(value)
                .array();
    }

    private static CreatedExpiryPolicy expiry(long ttl) {
        return new CreatedExpiryPolicy(new Duration(TimeUnit.MILLISECONDS, ttl));
    }

    @Override
    public void remove(String namespace, String key) {
        cache(namespace).remove(key);
    }

    @Override
    public void clear() {
        caches.values().forEach(ICache::clear);
    }

    @Override
    public long size() {
        return caches.values().stream().mapToLong(ICache::size).sum();
    }

    @Override
    public void close() {
        cacheManager.close();
        if (client != null) {
            client.shutdown();
        }
        member.shutdown();
    }
}
