package io.riskbase.platform.cache;

import io.riskbase.platform.redis.RedisBudget;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts the cache of this node: Hazelcast L1, Redis L2 and the invalidation channel when Redis is configured, the
 * {@link TieredCache} over them and the {@link CachedInvocations} the interceptors use.
 */
@ApplicationScoped
public class CacheRuntime {

    private static final Logger LOG = Logger.getLogger(CacheRuntime.class.getName());

    /** What the admin view shows of this node's cache. */
    public record Status(
            boolean enabled, boolean redisConfigured, boolean redisAvailable, boolean coherent, long l1Entries) {}

    @Inject
    @ConfigProperty(name = "riskbase.cache.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "riskbase.cache.l1.max-entries", defaultValue = "50000")
    int l1MaxEntries;

    /** L1 hits answered by a near cache on the request thread instead of on a Hazelcast partition thread. */
    @Inject
    @ConfigProperty(name = "riskbase.cache.l1.near-cache", defaultValue = "true")
    boolean l1NearCache;

    @Inject
    @ConfigProperty(name = "riskbase.cache.degraded-l1-ttl-ms", defaultValue = "2000")
    long degradedL1TtlMillis;

    @Inject
    @ConfigProperty(name = "riskbase.cache.load-wait-ms", defaultValue = "5000")
    long loadWaitMillis;

    @Inject
    RedisSharedTier redisTier;

    @Inject
    InvalidationBus bus;

    @Inject
    RedisBudget budget;

    @Inject
    CacheMetrics metrics;

    @Inject
    CacheBindings bindings;

    @Inject
    NamespaceSettings settings;

    @Resource
    ManagedExecutorService executor;

    private final String nodeId = UUID.randomUUID().toString().substring(0, 8);
    private HazelcastLocalTier l1;
    private CachedInvocations invocations;

    @PostConstruct
    void start() {
        if (!enabled) {
            LOG.info("Cache disabled by configuration (riskbase.cache.enabled=false): every read goes to the database");
            return;
        }
        long t0 = System.nanoTime();
        l1 = new HazelcastLocalTier(nodeId, l1MaxEntries, l1NearCache, System::currentTimeMillis);
        SharedTier l2 = bus.redisConfigured() ? new BudgetedSharedTier(redisTier, budget) : null;
        TieredCache cache = new TieredCache(
                l1,
                l2,
                new Generations(l2, budget::exhausted),
                Duration.ofMillis(loadWaitMillis),
                bus::publish,
                metrics,
                System::currentTimeMillis,
                executor,
                bus::coherent,
                degradedL1TtlMillis,
                nodeId,
                budget);
        invocations = new CachedInvocations(cache, bindings.catalog(), settings::policy, JsonbBuilder.create());
        bus.start(cache::apply, cache::resynchronize, cache::reconcile);
        metrics.registerL1Size(this::l1Size);
        metrics.registerNodeSeries();
        LOG.info(String.format(
                "Cache started in %d ms: L1 Hazelcast JCache%s (node %s)%s",
                (System.nanoTime() - t0) / 1_000_000,
                l1NearCache ? " with a near cache" : "",
                nodeId,
                l2 == null ? ", no Redis configured (L1 only)" : ", L2 Redis, " + budget.describe()));
    }

    @PreDestroy
    void stop() {
        if (l1 != null) {
            l1.close();
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** The cache the bindings use; null when the cache is disabled. */
    CachedInvocations invocations() {
        return invocations;
    }

    /** Bumps one namespace of one tenant on every node (admin action); {@code tenant} null for a global namespace. */
    public void invalidateNamespace(String namespace, Long tenant) {
        if (invocations != null) {
            invocations.invalidateNamespace(namespace, tenant);
        }
    }

    public Status status() {
        return new Status(enabled, bus.redisConfigured(), redisTier.available(), bus.coherent(), l1Size());
    }

    private long l1Size() {
        return l1 == null ? 0 : l1.size();
    }
}
