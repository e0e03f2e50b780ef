package io.riskbase.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Operators (not members of any organization) reach node-wide admin endpoints by sending {@value #HEADER} with the key
 * configured in {@code RISKBASE_OPERATOR_KEY}. Without a configured key (the default) operator access is off and only
 * tenant ADMINs get in, with their own view.
 */
@ApplicationScoped
public class OperatorKey {

    public static final String HEADER = "X-Riskbase-Operator-Key";
    private static final int MIN_LENGTH = 16;

    @Inject
    @ConfigProperty(name = "riskbase.operator.key")
    Optional<String> key;

    public boolean accepts(String presented) {
        if (presented == null || key.isEmpty() || key.get().length() < MIN_LENGTH) {
            return false;
        }
        return MessageDigest.isEqual(
                key.get().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
