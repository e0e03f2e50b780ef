package io.riskbase.platform.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Cache figures as MicroProfile Metrics (application scope), names as documented in docs/operations.md:
 * {@code riskbase_cache_hits_total{namespace,tier}}, {@code _misses_total}, {@code _loads_total},
 * {@code _load_seconds}, {@code _evictions_total}, {@code _invalidations_*}, {@code _invalidation_lag_seconds},
 * {@code _redis_errors_total}.
 */
@ApplicationScoped
public class CacheMetrics implements CacheStatistics {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Counter>> hits = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> misses = new ConcurrentHashMap<>();

    private Counter counter(String name, String description, Tag... tags) {
        StringBuilder id = new StringBuilder(name);
        for (Tag tag : tags) {
            id.append('|').append(tag.getTagValue());
        }
        return counters.computeIfAbsent(
                id.toString(),
                k -> registry.counter(
                        Metadata.builder()
                                .withName(name)
                                .withDescription(description)
                                .build(),
                        tags));
    }

    private Timer timer(String name, String description, Tag... tags) {
        StringBuilder id = new StringBuilder(name);
        for (Tag tag : tags) {
            id.append('|').append(tag.getTagValue());
        }
        return timers.computeIfAbsent(
                id.toString(),
                k -> registry.timer(
                        Metadata.builder()
                                .withName(name)
                                .withDescription(description)
                                .withUnit(MetricUnits.NANOSECONDS)
                                .build(),
                        tags));
    }

    @Override
    public void hit(String namespace, String tier) {
        // every cached read passes here: two lookups by the (constant, hash-cached) names, no key built
        hits.computeIfAbsent(tier, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(
                        namespace,
                        ns -> counter(
                                "riskbase.cache.hits",
                                "Reads answered by a cache tier",
                                new Tag("namespace", ns),
                                new Tag("tier", tier)))
                .inc();
    }

    @Override
    public void miss(String namespace) {
        misses.computeIfAbsent(
                        namespace,
                        ns -> counter(
                                "riskbase.cache.misses", "Reads that missed both tiers", new Tag("namespace", ns)))
                .inc();
    }

    @Override
    public void load(String namespace, long nanos) {
        counter(
                        "riskbase.cache.loads",
                        "Loader runs (method invocations on a miss or refresh)",
                        new Tag("namespace", namespace))
                .inc();
        timer("riskbase.cache.load", "Time the loader took", new Tag("namespace", namespace))
                .update(Duration.ofNanos(nanos));
    }

    @Override
    public void eviction(String namespace, String tier) {
        counter(
                        "riskbase.cache.evictions",
                        "Entries evicted or made unreachable by a generation bump",
                        new Tag("namespace", namespace),
                        new Tag("tier", tier))
                .inc();
    }

    @Override
    public void invalidationSent() {
        counter("riskbase.cache.invalidations.sent", "Invalidation messages published")
                .inc();
    }

    @Override
    public void invalidationReceived(long lagNanos) {
        counter("riskbase.cache.invalidations.received", "Invalidation messages received from other nodes")
                .inc();
        timer("riskbase.cache.invalidation.lag", "Time from publishing an invalidation to applying it on this node")
                .update(Duration.ofNanos(lagNanos));
    }

    @Override
    public void sharedTierError() {
        counter("riskbase.cache.redis.errors", "Redis calls that failed or timed out and fell back")
                .inc();
    }

    /**
     * Publishes every series at zero before anything happens, so that alerts and dashboards see a value (not an absent
     * series) on an idle node.
     */
    void registerNodeSeries() {
        counter("riskbase.cache.invalidations.sent", "Invalidation messages published");
        counter("riskbase.cache.invalidations.received", "Invalidation messages received from other nodes");
        counter("riskbase.cache.redis.errors", "Redis calls that failed or timed out and fell back");
        timer("riskbase.cache.invalidation.lag", "Time from publishing an invalidation to applying it on this node");
    }

    void registerNamespaceSeries(String namespace) {
        Tag ns = new Tag("namespace", namespace);
        counter("riskbase.cache.hits", "Reads answered by a cache tier", ns, new Tag("tier", TieredCache.TIER_L1));
        counter("riskbase.cache.hits", "Reads answered by a cache tier", ns, new Tag("tier", TieredCache.TIER_L2));
        counter("riskbase.cache.misses", "Reads that missed both tiers", ns);
        counter("riskbase.cache.loads", "Loader runs (method invocations on a miss or refresh)", ns);
        timer("riskbase.cache.load", "Time the loader took", ns);
        counter(
                "riskbase.cache.evictions",
                "Entries evicted or made unreachable by a generation bump",
                ns,
                new Tag("tier", TieredCache.TIER_L1));
    }

    void registerL1Size(java.util.function.LongSupplier size) {
        registry.gauge(
                Metadata.builder()
                        .withName("riskbase.cache.l1.entries")
                        .withDescription("Entries held in this node's L1")
                        .build(),
                size::getAsLong);
    }

    /** Current counts per namespace for the admin view: namespace → figure → value. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> result = new TreeMap<>();
        counters.forEach((id, counter) -> {
            String[] parts = id.split("\\|");
            if (parts.length < 2) {
                return;
            }
            String figure = parts[0].substring("riskbase.cache.".length()) + (parts.length > 2 ? "_" + parts[2] : "");
            result.computeIfAbsent(parts[1], k -> new TreeMap<>()).merge(figure, counter.getCount(), Long::sum);
        });
        return result;
    }

    public long count(String name, String... tagValues) {
        Counter counter = counters.get(name + (tagValues.length == 0 ? "" : "|" + String.join("|", tagValues)));
        return counter == null ? 0 : counter.getCount();
    }
}
