/**
 * Timing and observability of every JAX-RS endpoint: {@link io.riskbase.platform.timing.TimingFilter} adds
 * {@code X-Response-Time} and {@code Server-Timing} (cache tier, database time, total) to every response, feeds the
 * per-node {@link io.riskbase.platform.timing.PerformanceRecorder} behind {@code GET /api/v1/admin/performance} and
 * logs requests over the slow threshold once, as one structured line. Database time comes from
 * {@link io.riskbase.platform.timing.DbTimed}, which every repository class carries; the cache reports the tier that
 * answered into {@link io.riskbase.platform.timing.RequestTiming}. Per-endpoint Prometheus series come from Liberty's
 * own {@code http_server_request_duration_seconds}; see docs/operations.md.
 */
package io.riskbase.platform.timing;
