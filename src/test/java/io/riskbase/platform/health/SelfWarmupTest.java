package io.riskbase.platform.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SelfWarmupTest {

    @Test
    void aWildcardOrMissingHostIsReachedOnLoopback() {
        assertEquals("127.0.0.1", SelfWarmup.loopback("*"));
        assertEquals("127.0.0.1", SelfWarmup.loopback("0.0.0.0"));
        assertEquals("127.0.0.1", SelfWarmup.loopback(null));
        assertEquals("10.0.0.5", SelfWarmup.loopback("10.0.0.5"));
    }
}
