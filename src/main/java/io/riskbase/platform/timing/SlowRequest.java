package io.riskbase.platform.timing;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;

/** One request that took at least the slow threshold; also the payload of its log line. */
public record SlowRequest(
        Instant at,
        String endpoint,
        int status,
        @JsonbProperty("tenant_id") Long tenantId,
        @JsonbProperty("duration_ms") double durationMs,
        @JsonbProperty("db_ms") Double dbMs,
        @JsonbProperty("cache") String cacheTier) {

    /**
     * The structured log line: {@code slow_request {"endpoint":…}} — one JSON object, easy to grep and parse. The
     * client's address (the real one behind a trusted gateway, see RISKBASE_TRUSTED_PROXIES) is in the log line only,
     * not in the tenant-visible performance report.
     */
    String logLine(long thresholdMs, String client) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("endpoint", endpoint)
                .add("status", status)
                .add("duration_ms", round(durationMs))
                .add("threshold_ms", thresholdMs);
        if (tenantId == null) {
            json.addNull("tenant_id");
        } else {
            json.add("tenant_id", tenantId);
        }
        if (dbMs == null) {
            json.addNull("db_ms");
        } else {
            json.add("db_ms", round(dbMs));
        }
        if (cacheTier == null) {
            json.addNull("cache");
        } else {
            json.add("cache", cacheTier);
        }
        json.add("client", client);
        return "slow_request " + json.build();
    }

    static double round(double millis) {
        return Math.round(millis * 100.0) / 100.0;
    }
}
