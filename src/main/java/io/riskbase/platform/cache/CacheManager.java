package io.riskbase.platform.cache;

import io.riskbase.platform.timing.RequestTiming;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires the {@link TieredCache} to Hazelcast (L1), Redis (L2 + invalidation channel), MicroProfile
 * Config (per-namespace policies) and the interceptors; the one entry point of the cache.
 */
@ApplicationScoped
public class CacheManager {

    public static final String SESSION_NAMESPACE = "session";
    private static final Logger LOG = Logger.getLogger(CacheManager.class.getName());

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "riskbase.cache.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "riskbase.cache.l1.max-entries", defaultValue = "50000")
    int l1MaxEntries;

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
    CacheMetrics metrics;

    @Inject
    CacheOutcome outcome;

    @Inject
    RequestTiming timing;

    @Resource
    ManagedExecutorService executor;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final String nodeId = UUID.randomUUID().toString().substring(0, 8);
    private final Jsonb jsonb = JsonbBuilder.create();
    private final Map<Method, CachedMethod> reads = new ConcurrentHashMap<>();
    private final Map<Method, CachedMethod> writes = new ConcurrentHashMap<>();
    private final Map<String, NamespacePolicy> policies = new ConcurrentHashMap<>();
    private HazelcastLocalTier l1;
    private TieredCache cache;

    @PostConstruct
    void start() {
        if (!enabled) {
            LOG.info("Cache disabled by configuration (riskbase.cache.enabled=false): every read goes to the database");
            return;
        }
        long t0 = System.nanoTime();
        l1 = new HazelcastLocalTier(nodeId, l1MaxEntries);
        SharedTier l2 = bus.redisConfigured() ? redisTier : null;
        cache = new TieredCache(l1, l2, new Generations(l2), Duration.ofMillis(loadWaitMillis), bus::publish, metrics,
                System::currentTimeMillis, executor, bus::coherent, degradedL1TtlMillis, nodeId);
        bus.start(cache::apply, cache::resynchronize);
        metrics.registerL1Size(this::l1Size);
        metrics.registerNodeSeries();
        LOG.info(String.format("Cache started in %d ms: L1 Hazelcast JCache (node %s)%s", (System.nanoTime() - t0) / 1_000_000, nodeId,
                l2 == null ? ", no Redis configured (L1 only)" : ", L2 Redis"));
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

    /** Set while a background refresh invokes a cached method: that call must load, not read the cache. */
    private static final ThreadLocal<Boolean> REFRESHING = new ThreadLocal<>();

    Object read(InvocationContext ctx, Cached cached) throws Exception {
        if (!enabled || REFRESHING.get() != null) {
            return ctx.proceed();
        }
        Method method = ctx.getMethod();
        CachedMethod meta = reads.computeIfAbsent(method, m -> CachedMethod.forRead(m, cached, jsonb));
        Object[] args = ctx.getParameters();
        Object target = ctx.getTarget();
        TieredCache.Result result = cache.get(policy(meta.namespace, meta.global), meta.tenant(args), meta.keyArgs(meta.namespace, args), meta.codec,
                new Invocation(ctx, method, target, args));
        try {
            outcome.record(meta.namespace, result.etag());
            timing.cacheTier(result.tier());
        } catch (ContextNotActiveException outsideRequest) {
            // warm-up and background refreshes have no request to report to
        }
        return result.value();
    }

    Object invalidate(InvocationContext ctx, CacheInvalidate spec) throws Exception {
        Object result = ctx.proceed();
        if (!enabled) {
            return result;
        }
        CachedMethod meta = writes.computeIfAbsent(ctx.getMethod(), m -> CachedMethod.forInvalidation(m, spec));
        Object[] args = ctx.getParameters();
        Long tenant = meta.tenant(args);
        Runnable invalidation = () -> {
            for (String namespace : spec.entries()) {
                cache.evict(namespace, tenant, meta.keyArgs(namespace, args));
            }
            for (String namespace : spec.namespaces()) {
                cache.bumpNamespace(namespace, tenant);
            }
            for (String namespace : spec.negatives()) {
                cache.dropNegatives(namespace, tenant);
            }
        };
        afterCommit(invalidation);
        return result;
    }

    /** Runs after the surrounding transaction commits (nothing if it rolls back), or now without one. */
    private void afterCommit(Runnable action) {
        if (transactions.getTransactionKey() == null) {
            action.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    /** Bumps one namespace of one tenant (admin action); {@code tenant} null for a global namespace. */
    public void invalidateNamespace(String namespace, Long tenant) {
        if (enabled) {
            cache.bumpNamespace(namespace, tenant);
        }
    }

    public NamespacePolicy policy(String namespace, boolean global) {
        NamespacePolicy known = policies.get(namespace);
        return known != null ? known : policies.computeIfAbsent(namespace, ns -> newPolicy(ns, global));
    }

    private NamespacePolicy newPolicy(String ns, boolean global) {
        metrics.registerNamespaceSeries(ns);
        return new NamespacePolicy(ns, global,
                seconds("riskbase.cache.ttl." + ns, config.getOptionalValue("riskbase.cache.ttl.default", Long.class).orElse(300L)) * 1000,
                seconds("riskbase.cache.negative-ttl." + ns, 30) * 1000,
                config.getOptionalValue("riskbase.cache.refresh-ahead." + ns, Double.class).orElse(0.0));
    }

    public Map<String, NamespacePolicy> policies() {
        return Map.copyOf(policies);
    }

    private long seconds(String key, long fallback) {
        return config.getOptionalValue(key, Long.class).orElse(fallback);
    }

    public long l1Size() {
        return l1 == null ? 0 : l1.size();
    }

    public boolean coherent() {
        return bus.coherent();
    }

    public boolean redisConfigured() {
        return bus.redisConfigured();
    }

    public boolean redisAvailable() {
        return redisTier.available();
    }

    /**
     * Loads a value: the caller's own invocation proceeds through the remaining interceptors; a
     * refresh-ahead in the background (after the caller's invocation has returned) invokes the method
     * again with the cache bypassed for that thread.
     */
    private static final class Invocation implements TieredCache.Loader {
        private final InvocationContext ctx;
        private final Method method;
        private final Object target;
        private final Object[] args;
        private final Thread caller = Thread.currentThread();
        private volatile boolean proceeded;

        Invocation(InvocationContext ctx, Method method, Object target, Object[] args) {
            this.ctx = ctx;
            this.method = method;
            this.target = target;
            this.args = args;
        }

        @Override
        public Object load() throws Exception {
            if (!proceeded && Thread.currentThread() == caller) {
                proceeded = true;
                return ctx.proceed();
            }
            REFRESHING.set(Boolean.TRUE);
            try {
                method.setAccessible(true);
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            } finally {
                REFRESHING.remove();
            }
        }
    }
}
