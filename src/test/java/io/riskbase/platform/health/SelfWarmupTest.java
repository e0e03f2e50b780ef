package io.riskbase.platform.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SelfWarmupTest {

    @Test
    void aWildcardOrMissingHostIsReachedOnLoopback() {
        assertEquals("127.0.0.1", SelfWarmup.loopback("*"));
        assertEquals("127.0.0.1", SelfWarmup.loopback("0.0.0.0"));
        assertEquals("127.0.0.1", SelfWarmup.loopback(null));
        assertEquals("10.0.0.5", SelfWarmup.loopback("10.0.0.5"));
    }

    @Test
    void itEndsOnceTheCompilerIsQuietAfterTheMinimumAndAtTheMaximumInAnyCase() {
        SelfWarmup warmup = new SelfWarmup();
        warmup.minSeconds = 5;
        warmup.seconds = 60;
        warmup.jitQuietPercent = 10;
        warmup.minRequests = 10_000;
        long s = 1_000_000_000L;
        long enough = 10_000;
        assertNull(warmup.verdict(3 * s, 0, enough), "quiet, but before the minimum time");
        assertNull(warmup.verdict(30 * s, 0, 3), "quiet, but only because the requests are slow");
        assertNull(warmup.verdict(10 * s, 1_500, enough), "the compiler is busy");
        assertNull(warmup.verdict(10 * s, 200, enough), "10 % of a 2 s window is not under 10 %");
        assertTrue(warmup.verdict(10 * s, 199, enough).startsWith("the JIT compiler went quiet (199 ms"));
        assertNull(warmup.verdict(10 * s, -1, enough), "not measured: only the maximum ends it");
        assertTrue(warmup.verdict(60 * s, 3_000, 3).startsWith("the maximum of 60 s"));
    }
}
