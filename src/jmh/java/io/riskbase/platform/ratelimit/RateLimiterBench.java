package io.riskbase.platform.ratelimit;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** One token from a node-local bucket (the limiter without Redis, and its fallback when Redis is down). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RateLimiterBench {

    private final LocalBuckets buckets = new LocalBuckets();
    private final BucketSpec generous = new BucketSpec(1_000_000_000L, 1_000_000_000);

    @Benchmark
    public Decision takeFromALocalBucket() {
        return buckets.take("read", "u:42:7", generous);
    }
}
