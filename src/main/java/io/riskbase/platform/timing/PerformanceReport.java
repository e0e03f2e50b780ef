package io.riskbase.platform.timing;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;

/** The answer of {@code GET /api/v1/admin/performance}: this node's figures since {@code since}. */
public record PerformanceReport(
        Instant since,
        Instant at,
        @JsonbProperty("slow_threshold_ms") long slowThresholdMs,
        List<Endpoint> endpoints,
        @JsonbProperty("slow_requests") List<SlowRequest> slowRequests) {

    /**
     * One endpoint: requests answered, 4xx ({@code client_errors}) and 5xx ({@code errors}) among them, latency
     * percentiles in milliseconds (HdrHistogram, two significant digits).
     */
    public record Endpoint(
            String endpoint,
            long count,
            @JsonbProperty("client_errors") long clientErrors,
            long errors,
            @JsonbProperty("p50_ms") double p50Ms,
            @JsonbProperty("p95_ms") double p95Ms,
            @JsonbProperty("p99_ms") double p99Ms,
            @JsonbProperty("max_ms") double maxMs,
            @JsonbProperty("mean_ms") double meanMs) {}
}
