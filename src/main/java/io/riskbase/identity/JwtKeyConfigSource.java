package io.riskbase.identity;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Feeds MicroProfile JWT the public key of the pair {@link TokenService} signs with, so signing and verification can
 * never disagree, whether the pair was configured or generated at start.
 */
public class JwtKeyConfigSource implements ConfigSource {

    static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
    private static volatile String publicPem;

    static void publish(JwtKeys keys) {
        publicPem = keys.publicPem();
    }

    @Override
    public Set<String> getPropertyNames() {
        return publicPem == null ? Set.of() : Set.of(PUBLIC_KEY);
    }

    @Override
    public Map<String, String> getProperties() {
        return publicPem == null ? Map.of() : Map.of(PUBLIC_KEY, publicPem);
    }

    @Override
    public String getValue(String propertyName) {
        return PUBLIC_KEY.equals(propertyName) ? publicPem : null;
    }

    @Override
    public String getName() {
        return "riskbase-jwt-keys";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
