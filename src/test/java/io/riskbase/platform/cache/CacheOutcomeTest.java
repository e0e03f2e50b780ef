package io.riskbase.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CacheOutcomeTest {

    @Test
    void keepsTheSlowestTierReached() {
        CacheOutcome outcome = new CacheOutcome();
        assertNull(outcome.tier());
        outcome.record("l1", null);
        outcome.record("miss", null);
        outcome.record("l2", null);
        assertEquals("miss", outcome.tier());
    }

    @Test
    void theResponseTakesAnEtagOnlyFromExactlyOneAnswerThatDescribesIt() {
        CacheOutcome outcome = new CacheOutcome();
        outcome.record("l1", null);
        assertNull(outcome.etag(), "a session check does not describe the response");
        outcome.record("l1", "\"7\"");
        assertEquals("\"7\"", outcome.etag());
        outcome.record("l2", "\"8\"");
        assertNull(outcome.etag(), "two answers: neither alone describes the response");
    }
}
