package io.riskbase.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private record Claims(String token, long exp) {}

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger reads = new AtomicInteger();
    private final VerifiedTokens<Claims> tokens = new VerifiedTokens<>(3, now::get);

    private Claims claims(String token, long exp) {
        return tokens.claims(
                token,
                raw -> {
                    reads.incrementAndGet();
                    return new Claims(raw, exp);
                },
                Claims::exp);
    }

    @Test
    void aTokenSeenBeforeIsNotReadAgainUntilItExpires() {
        claims("a", 1_060);
        claims("a", 1_060);
        assertEquals(1, reads.get());
        now.set(1_060);
        claims("a", 1_060);
        assertEquals(2, reads.get(), "an expired entry is read again, never served");
    }

    @Test
    void differentTokensNeverShareAnEntry() {
        assertEquals("a", claims("a", 2_000).token());
        assertEquals("b", claims("b", 2_000).token());
        assertEquals("a", claims("a", 2_000).token());
        assertEquals(2, reads.get());
    }

    @Test
    void theMapStaysBoundedDroppingExpiredEntriesFirst() {
        claims("old", 1_001);
        claims("x", 5_000);
        claims("y", 5_000);
        now.set(1_002);
        claims("z", 5_000);
        assertEquals(3, tokens.size(), "the expired entry made room");
        claims("w", 5_000);
        assertTrue(tokens.size() <= 3);
    }

    @Test
    void anAlreadyExpiredTokenIsNotKept() {
        claims("late", 999);
        assertEquals(0, tokens.size());
    }
}
