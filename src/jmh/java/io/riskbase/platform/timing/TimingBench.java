package io.riskbase.platform.timing;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** What the timing filter adds to a response: its two headers and the per-endpoint histogram. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TimingBench {

    private final PerformanceRecorder recorder = new PerformanceRecorder(Clock.systemUTC(), 100, 500);
    private long nanos = 123_456;

    @Benchmark
    public String headers() {
        return ServerTiming.responseTime(nanos) + ServerTiming.header("l1", false, 0, nanos);
    }

    @Benchmark
    public void recordOneRequest() {
        nanos = (nanos * 31 + 7) % 9_000_000;
        recorder.record("GET /api/v1/risks/{id}", 200, nanos);
    }
}
