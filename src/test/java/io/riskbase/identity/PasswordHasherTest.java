package io.riskbase.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(5_000);

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("s3cret-enough!".toCharArray());
        assertTrue(hasher.verify("s3cret-enough!".toCharArray(), hash));
        assertFalse(hasher.verify("s3cret-enough?".toCharArray(), hash));
    }

    @Test
    void saltsEveryHash() {
        assertNotEquals(hasher.hash("same".toCharArray()), hasher.hash("same".toCharArray()));
    }

    @Test
    void hashesMadeWithOtherCostsStillVerify() {
        String old = new PasswordHasher(1_000).hash("pw".toCharArray());
        assertTrue(hasher.verify("pw".toCharArray(), old));
    }

    @Test
    void rejectsGarbageAndMissingHashes() {
        assertFalse(hasher.verify("pw".toCharArray(), null));
        assertFalse(hasher.verify("pw".toCharArray(), "plain"));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(10));
    }
}
