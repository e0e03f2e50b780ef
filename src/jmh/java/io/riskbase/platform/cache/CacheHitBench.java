package io.riskbase.platform.cache;

import io.riskbase.platform.redis.RedisBudget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A cached read's own cost on a hit: building the key, the L1 lookup (an in-memory map, and the real Hazelcast JCache,
 * read on the member, whose reads run on a partition thread, and through the near cache of a client in the same JVM),
 * and decoding the stored JSON versus handing its bytes on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheHitBench {

    static final NamespacePolicy RISK = new NamespacePolicy("risk", false, 300_000, 30_000, 0);
    static final String JSON =
            "{\"id\":35,\"title\":\"Regulatory change in API gateway\",\"description\":\"A regulatory"
                    + " change affecting the API gateway could lead to reporting errors.\",\"category\":\"security\","
                    + "\"severity\":\"MEDIUM\",\"status\":\"CLOSED\",\"likelihood\":2,\"impact\":4,\"score\":8,\"owner_id\":1,"
                    + "\"tags\":[\"q3-review\",\"cloud\",\"gdpr\"],\"due_date\":\"2027-01-26\","
                    + "\"created_at\":\"2026-11-28T19:17:53Z\",\"updated_at\":\"2026-11-30T08:58:04Z\",\"created_by\":1,"
                    + "\"version\":0}";

    /** Decoding as the interceptor does it: JSON-B into a record. */
    public record Risk(
            long id,
            String title,
            String description,
            String category,
            String severity,
            String status,
            int likelihood,
            int impact,
            int score,
            java.util.List<String> tags,
            int version) {}

    private final jakarta.json.bind.Jsonb jsonb = jakarta.json.bind.JsonbBuilder.create();
    private final TieredCache.Codec codec = new TieredCache.Codec() {
        @Override
        public byte[] encode(Object value) {
            return JSON.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Object decode(byte[] json) {
            return jsonb.fromJson(new String(json, StandardCharsets.UTF_8), Risk.class);
        }
    };

    private TieredCache inMemory;
    private HazelcastLocalTier hazelcast;
    private HazelcastLocalTier nearCached;
    private String key;

    @Setup
    public void setUp() throws Exception {
        inMemory = new TieredCache(
                new InMemoryTiers.Local(System::currentTimeMillis),
                null,
                new Generations(null),
                Duration.ofSeconds(5),
                m -> {},
                CacheStatistics.NONE,
                System::currentTimeMillis,
                Runnable::run,
                () -> true,
                2_000,
                "bench",
                RedisBudget.NONE);
        inMemory.get(RISK, 42L, new Object[] {35L}, codec, () -> "loaded");
        hazelcast = new HazelcastLocalTier("bench", 10_000, false, System::currentTimeMillis);
        nearCached = new HazelcastLocalTier("bench-near", 10_000, true, System::currentTimeMillis);
        key = CacheKeys.entry("risk", 42L, 0, 35L);
        byte[] entry =
                CacheEntry.value(0, JSON.getBytes(StandardCharsets.UTF_8)).toBytes();
        hazelcast.put("risk", key, entry, 600_000);
        nearCached.put("risk", key, entry, 600_000);
    }

    @TearDown
    public void tearDown() {
        hazelcast.close();
        nearCached.close();
    }

    @Benchmark
    public String keyBuild() {
        return CacheKeys.entry("risk", 42L, 3, "get", 35L);
    }

    @Benchmark
    public Object hitDecodedFromAMap() throws Exception {
        return inMemory.get(RISK, 42L, new Object[] {35L}, codec, () -> "loaded", true)
                .value();
    }

    @Benchmark
    public Object hitAsBytesFromAMap() throws Exception {
        return inMemory.get(RISK, 42L, new Object[] {35L}, codec, () -> "loaded", false)
                .json();
    }

    @Benchmark
    public byte[] hazelcastJCacheGet() {
        return hazelcast.get("risk", key);
    }

    @Benchmark
    public byte[] hazelcastJCacheNearCacheGet() {
        return nearCached.get("risk", key);
    }
}
