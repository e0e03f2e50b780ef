package io.riskbase.platform.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimingPiecesTest {

    @Path("/users")
    static class Users {
        @GET
        @Path("{id: [0-9]{1,18}}")
        public void one() {}

        @GET
        public void list() {}
    }

    static class UsersSubclass extends Users {}

    @Test
    void endpointNamesUseRouteTemplatesWithoutRegex() throws Exception {
        assertEquals("/api/v1/users/{id}", EndpointNames.route("/api/v1/", Users.class, Users.class.getMethod("one")));
        assertEquals(
                "/api/v1/users", EndpointNames.route("/api/v1/", UsersSubclass.class, Users.class.getMethod("list")));
        assertEquals("/a/{x}/b/{y}", EndpointNames.stripRegex("/a/{ x : \\d+}/b/{y}"));
        assertEquals("GET /api/v1/*", EndpointNames.unmatched("GET", "/api/v1/"));
    }

    @Test
    void serverTimingNamesCacheTierAndDatabaseOnlyWhenUsed() {
        assertEquals(
                "cache;desc=\"l1\", db;dur=1.23, total;dur=4.56",
                ServerTiming.header("l1", true, 1_234_000, 0, 0, 4_560_000));
        assertEquals("total;dur=0.50", ServerTiming.header(null, false, 0, 0, 0, 500_000));
        assertEquals(
                "cache;desc=\"miss\", db;dur=1.00, redis;dur=250.40;desc=\"3\", total;dur=260.00",
                ServerTiming.header("miss", true, 1_000_000, 3, 250_400_000, 260_000_000));
        assertEquals("12.35ms", ServerTiming.responseTime(12_345_678));
        assertEquals("0.05ms", ServerTiming.responseTime(49_999));
        assertEquals("1.00ms", ServerTiming.responseTime(999_999));
    }

    @Test
    void requestTimingCountsNestedDbCallsOnce() {
        RequestTiming timing = new RequestTiming();
        assertTrue(timing.enterDb());
        assertTrue(!timing.enterDb());
        timing.exitDb();
        timing.exitDb();
        timing.addDbNanos(5);
        assertEquals(5, timing.getDbNanos());
        assertEquals(1, timing.getDbCalls());
        assertTrue(timing.enterDb(), "outermost again after both exits");
    }

    @Test
    void recorderCountsErrorsComputesPercentilesAndBoundsItsMemory() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        PerformanceRecorder recorder = new PerformanceRecorder(clock, 3, 2);
        for (int i = 1; i <= 100; i++) {
            recorder.record("GET /a", i <= 2 ? 500 : i <= 5 ? 404 : 200, i * 1_000_000L);
        }
        recorder.record("GET /b", 200, 1_000_000);
        recorder.record("GET /c", 200, 1_000_000);
        recorder.record("GET /d", 200, 1_000_000);
        for (long tenant = 1; tenant <= 5; tenant++) {
            recorder.recordSlow(new SlowRequest(clock.instant(), "GET /a", 200, tenant, 900.0, 10.0, "miss"));
        }
        PerformanceReport all = recorder.report(null, 10, 500);
        PerformanceReport.Endpoint a = all.endpoints().get(0);
        assertEquals("GET /a", a.endpoint());
        assertEquals(100, a.count());
        assertEquals(2, a.errors());
        assertEquals(3, a.clientErrors());
        assertEquals(50.0, a.p50Ms(), 0.5);
        assertEquals(95.0, a.p95Ms(), 1);
        assertEquals(99.0, a.p99Ms(), 1);
        assertEquals(100.0, a.maxMs(), 1);
        assertEquals(
                List.of("GET /a", PerformanceRecorder.OTHER_ENDPOINTS, "GET /b"),
                all.endpoints().stream()
                        .map(PerformanceReport.Endpoint::endpoint)
                        .toList(),
                "beyond max-endpoints names are pooled");
        assertEquals(
                List.of(5L, 4L, 3L),
                all.slowRequests().stream().map(SlowRequest::tenantId).toList(),
                "newest first, ring of 3");
        assertEquals(
                List.of(4L),
                recorder.report(4L, 10, 500).slowRequests().stream()
                        .map(SlowRequest::tenantId)
                        .toList());
    }

    @Test
    void slowRequestLogLineIsOneJsonObject() {
        SlowRequest slow = new SlowRequest(Instant.EPOCH, "GET /api/v1/me", 200, 7L, 12.345, null, "l2");
        assertEquals(
                "slow_request {\"endpoint\":\"GET "
                        + "/api/v1/me\",\"status\":200,\"duration_ms\":12.35,\"threshold_ms\":10,"
                        + "\"tenant_id\":7,\"db_ms\":null,\"cache\":\"l2\",\"client\":\"192.0.2.7\"}",
                slow.logLine(10, "192.0.2.7"));
    }
}
