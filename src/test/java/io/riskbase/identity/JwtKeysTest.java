package io.riskbase.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtKeysTest {

    @Test
    void generatedPairIsKeptAndReloaded(@TempDir Path dir) {
        JwtKeys first = JwtKeys.loadOrGenerate(dir);
        assertTrue(Files.exists(dir.resolve("jwt-private.pem")));
        JwtKeys second = JwtKeys.loadOrGenerate(dir);
        assertEquals(first.publicKey(), second.publicKey());
    }

    @Test
    void pemRoundTripsIncludingEscapedNewlines(@TempDir Path dir) {
        JwtKeys keys = JwtKeys.loadOrGenerate(dir);
        JwtKeys parsed = JwtKeys.fromPem(keys.privatePem().replace("\n", "\\n"), keys.publicPem());
        assertEquals(keys.privateKey(), parsed.privateKey());
        assertTrue(keys.publicPem().startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    @Test
    void garbageIsAClearConfigurationError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JwtKeys.fromPem("nope", "nope"));
        assertTrue(e.getMessage().contains("PEM"));
    }
}
