package io.riskbase.it.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PartitionIT's reading of the breakers, against series as Liberty 26 wrote them on node B during a slow link. */
class FtMetricsTest {

    /** Node B's fault-tolerance series of RedisCalls.get and RedisBuckets.take after a slow-link run (Liberty 26). */
    private static String liberty26() throws IOException {
        try (InputStream in = FtMetricsTest.class.getResourceAsStream("/partition/liberty26-ft-metrics.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void countsTheRateLimitersBreakerBesideTheL2Commands() throws IOException {
        FtMetrics.Breakers b = FtMetrics.parse(liberty26());
        assertTrue(b.readable());
        assertEquals(5, b.opened(), "RedisCalls.get once, RedisBuckets.take four times");
        assertEquals(Map.of("RedisCalls.get", 1L, "RedisBuckets.take", 4L), b.openedByMethod());
        assertEquals(26, b.failures());
        assertEquals(515, b.rejected());
        assertEquals(26, b.timeouts());
        assertEquals(839, b.halfOpenNanos() / 1_000_000, "18.6 ms of RedisCalls.get, 821.1 of RedisBuckets.take");
    }

    @Test
    void aSeriesListedTwiceCountsOnce() throws IOException {
        // the test reads /metrics?scope=base and /metrics, which list the base series twice
        FtMetrics.Breakers b = FtMetrics.parse(liberty26() + liberty26());
        assertEquals(5, b.opened());
        assertEquals(26, b.failures());
    }

    @Test
    void labelsInAnotherOrderAndWithoutScopeAreRead() {
        FtMetrics.Breakers b =
                FtMetrics.parse("ft_circuitbreaker_opened_total{mp_scope=\"base\",method=\"x.RedisCalls.put\"} 2\n"
                        + "ft_circuitbreaker_calls_total{method=\"x.RedisCalls.put\",circuitBreakerResult=\"failure\"}"
                        + " 7 1733011200000\n");
        assertEquals(2, b.opened());
        assertEquals(7, b.failures());
    }

    @Test
    void anAnswerWithoutTheSeriesIsUnreadableNotZero() {
        assertFalse(FtMetrics.parse("{\"status\":401}").readable());
        assertFalse(FtMetrics.parse("# HELP base_thread_count\nbase_thread_count 80\n")
                .readable());
    }
}
