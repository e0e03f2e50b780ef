package io.riskbase.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.security.TokenClaims;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Issues the RS256 access tokens, and verifies them with the other half of the same key pair. */
@ApplicationScoped
public class TokenService {

    public static final String AUDIENCE = "riskbase";

    @Inject
    @ConfigProperty(name = "riskbase.jwt.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "riskbase.jwt.ttl-seconds", defaultValue = "3600")
    long ttlSeconds;

    @Inject
    @ConfigProperty(name = "RISKBASE_JWT_PRIVATE_KEY")
    Optional<String> configuredPrivateKey;

    @Inject
    @ConfigProperty(name = "RISKBASE_JWT_PUBLIC_KEY")
    Optional<String> configuredPublicKey;

    @Inject
    @ConfigProperty(name = "RISKBASE_DATA_DIR", defaultValue = "riskbase-data")
    String dataDir;

    @Inject
    @ConfigProperty(name = "RISKBASE_PROFILE", defaultValue = "dev")
    String profile;

    private RSASSASigner signer;
    private TokenVerifier verifier;

    /** Keys are loaded at start, not on the first sign-in: a node must be able to verify any token at once. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // observing start-up is enough: CDI creates the bean, and @PostConstruct loads the keys
    }

    @PostConstruct
    void init() {
        JwtKeys keys;
        if (configuredPrivateKey.isPresent() && configuredPublicKey.isPresent()) {
            keys = JwtKeys.fromPem(configuredPrivateKey.get(), configuredPublicKey.get());
        } else if ("dev".equals(profile)) {
            keys = JwtKeys.loadOrGenerate(Path.of(dataDir));
        } else {
            throw new IllegalStateException(
                    "Profile " + profile + " needs RISKBASE_JWT_PRIVATE_KEY and RISKBASE_JWT_PUBLIC_KEY "
                            + "(PEM): every node must sign and verify with the same key pair");
        }
        signer = new RSASSASigner(keys.privateKey());
        verifier = new TokenVerifier(keys.publicKey(), issuer, AUDIENCE, () -> System.currentTimeMillis() / 1000);
    }

    /** The claims of a token this server issued and that has not expired; a 401 saying what is wrong otherwise. */
    public TokenClaims verify(String rawToken) {
        return verifier.verify(rawToken);
    }

    public record IssuedToken(String token, String jti, Instant expiresAt, long expiresIn) {}

    public IssuedToken issue(User user, Instant now) {
        return issue(
                user.getId(),
                user.getOrgId(),
                user.getEmail(),
                user.getRole(),
                UUID.randomUUID().toString(),
                now,
                ttlSeconds);
    }

    IssuedToken issue(long userId, long orgId, String email, Role role, String jti, Instant now, long ttlSeconds) {
        Instant expires = now.plusSeconds(ttlSeconds);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(Long.toString(userId))
                .claim("upn", email)
                .claim("groups", List.of(role.name()))
                .claim(TokenClaims.ORG, orgId)
                .jwtID(jti)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign token", e);
        }
        return new IssuedToken(jwt.serialize(), jti, expires, ttlSeconds);
    }
}
