package io.riskbase.platform.timing;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.AtomicHistogram;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * This node's request statistics since start, in bounded memory: one HdrHistogram (1 µs to 60 s, two significant
 * digits, ~20 KB) per endpoint name — and names are bounded by the resource methods (at most
 * {@code riskbase.timing.max-endpoints}) — plus a ring of the last {@code riskbase.timing.slow-requests-kept} slow
 * requests.
 */
@ApplicationScoped
public class PerformanceRecorder {

    static final long HIGHEST_MICROS = 60_000_000L;
    static final String OTHER_ENDPOINTS = "(other endpoints)";

    private final Map<String, EndpointStats> endpoints = new ConcurrentHashMap<>();
    private final ArrayDeque<SlowRequest> slow = new ArrayDeque<>();
    private Clock clock = Clock.systemUTC();
    private int slowKept;
    private int maxEndpoints;
    private Instant since;

    public PerformanceRecorder() {}

    PerformanceRecorder(Clock clock, int slowKept, int maxEndpoints) {
        this.clock = clock;
        this.slowKept = slowKept;
        this.maxEndpoints = maxEndpoints;
        this.since = clock.instant();
    }

    @PostConstruct
    void configure() {
        var config = ConfigProvider.getConfig();
        slowKept = config.getOptionalValue("riskbase.timing.slow-requests-kept", Integer.class)
                .orElse(100);
        maxEndpoints = config.getOptionalValue("riskbase.timing.max-endpoints", Integer.class)
                .orElse(500);
        since = clock.instant();
    }

    public void record(String endpoint, int status, long nanos) {
        EndpointStats stats = endpoints.get(endpoint);
        if (stats == null) {
            String key = endpoints.size() < maxEndpoints ? endpoint : OTHER_ENDPOINTS;
            stats = endpoints.computeIfAbsent(key, k -> new EndpointStats());
        }
        stats.record(status, nanos);
    }

    public void recordSlow(SlowRequest request) {
        synchronized (slow) {
            if (slow.size() >= slowKept) {
                slow.removeFirst();
            }
            slow.addLast(request);
        }
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * Per-endpoint figures (busiest first) and the most recent slow requests, newest first; with a tenant, only that
     * tenant's slow requests.
     */
    public PerformanceReport report(Long tenant, int slowLimit, long thresholdMs) {
        List<PerformanceReport.Endpoint> rows = new ArrayList<>();
        endpoints.forEach((name, stats) -> rows.add(stats.report(name)));
        rows.sort(Comparator.comparingLong(PerformanceReport.Endpoint::count)
                .reversed()
                .thenComparing(PerformanceReport.Endpoint::endpoint));
        List<SlowRequest> recent = new ArrayList<>();
        synchronized (slow) {
            for (Iterator<SlowRequest> it = slow.descendingIterator(); it.hasNext() && recent.size() < slowLimit; ) {
                SlowRequest r = it.next();
                if (tenant == null || tenant.equals(r.tenantId())) {
                    recent.add(r);
                }
            }
        }
        return new PerformanceReport(since, clock.instant(), thresholdMs, rows, recent);
    }

    public int slowKept() {
        return slowKept;
    }

    private static final class EndpointStats {
        private final LongAdder count = new LongAdder();
        private final LongAdder clientErrors = new LongAdder();
        private final LongAdder serverErrors = new LongAdder();
        private final AtomicHistogram micros = new AtomicHistogram(1, HIGHEST_MICROS, 2);

        void record(int status, long nanos) {
            count.increment();
            if (status >= 500) {
                serverErrors.increment();
            } else if (status >= 400) {
                clientErrors.increment();
            }
            micros.recordValue(Math.max(1, Math.min(HIGHEST_MICROS, nanos / 1_000)));
        }

        PerformanceReport.Endpoint report(String name) {
            return new PerformanceReport.Endpoint(
                    name,
                    count.sum(),
                    clientErrors.sum(),
                    serverErrors.sum(),
                    ms(micros.getValueAtPercentile(50)),
                    ms(micros.getValueAtPercentile(95)),
                    ms(micros.getValueAtPercentile(99)),
                    ms(micros.getMaxValue()),
                    SlowRequest.round(micros.getMean() / 1000.0));
        }

        private static double ms(long micros) {
            return SlowRequest.round(micros / 1000.0);
        }
    }
}
