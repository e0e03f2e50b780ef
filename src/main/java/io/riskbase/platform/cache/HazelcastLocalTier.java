package io.riskbase.platform.cache;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.ICache;
import com.hazelcast.config.CacheConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.spi.CachingProvider;

/**
 * L1 on an embedded Hazelcast member through JCache: one size-bounded (LRU) cache per namespace, each entry with its
 * own expiry. The member deliberately never joins others (own cluster name, no discovery): L1 is node-local, and nodes
 * stay coherent through the Redis invalidation channel.
 */
public final class HazelcastLocalTier implements LocalTier, AutoCloseable {

    private static final String MEMBER_PROVIDER = "com.hazelcast.cache.HazelcastMemberCachingProvider";

    private final HazelcastInstance hazelcast;
    private final CacheManager cacheManager;
    private final int maxEntriesPerNamespace;
    private final ConcurrentHashMap<String, ICache<String, byte[]>> caches = new ConcurrentHashMap<>();

    public HazelcastLocalTier(String nodeId, int maxEntriesPerNamespace) {
        this.maxEntriesPerNamespace = maxEntriesPerNamespace;
        Config config = new Config();
        config.setInstanceName("riskbase-l1-" + nodeId);
        config.setClusterName("riskbase-l1-" + nodeId);
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
        ClassLoader loader = HazelcastLocalTier.class.getClassLoader();
        config.setClassLoader(loader);
        hazelcast = Hazelcast.newHazelcastInstance(config);
        CachingProvider provider = Caching.getCachingProvider(MEMBER_PROVIDER, loader);
        cacheManager =
                provider.getCacheManager(null, loader, HazelcastCachingProvider.propertiesByInstanceItself(hazelcast));
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
        return cache(namespace).get(key);
    }

    @Override
    public void put(String namespace, String key, byte[] value, long ttlMillis) {
        cache(namespace)
                .put(key, value, new CreatedExpiryPolicy(new Duration(TimeUnit.MILLISECONDS, Math.max(1, ttlMillis))));
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
        hazelcast.shutdown();
    }
}
