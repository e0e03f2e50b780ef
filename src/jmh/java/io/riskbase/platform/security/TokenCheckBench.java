package io.riskbase.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The token check's own part of a request (Liberty verifies the signature and keeps verified tokens itself): claims of
 * a token seen before, and for comparison what keying the map by a SHA-256 of the token would add.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenCheckBench {

    private final VerifiedTokens<TokenClaims> tokens = new VerifiedTokens<>(20_000, () -> 1_000);
    private String token;

    @Setup
    public void setUp() {
        // a token of the size Riskbase issues (RS256, ~600 characters); a fresh String per request in real life
        token = "eyJ" + "x".repeat(600);
        for (int i = 0; i < 1_000; i++) {
            claims("other-" + i);
        }
        claims(token);
    }

    private TokenClaims claims(String raw) {
        return tokens.claims(
                raw,
                r -> new TokenClaims("1", OptionalLong.of(7), "jti", Set.of("ADMIN"), 2_000),
                TokenClaims::expiresAt);
    }

    @Benchmark
    public TokenClaims claimsOfATokenSeenBefore() {
        return claims(new String(token.toCharArray()));
    }

    @Benchmark
    public String sha256OfTheToken() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(digest);
    }
}
