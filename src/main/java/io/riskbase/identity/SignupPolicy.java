package io.riskbase.identity;

import io.riskbase.platform.errors.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may create an organization: {@code RISKBASE_SIGNUP=open|invite|closed}. Unset, a dev node is open and every other
 * profile takes invitations only, so a production installation never hands out organizations to strangers by accident.
 * Invitations work in every mode: they add users to an existing organization, on an ADMIN's word.
 */
@ApplicationScoped
public class SignupPolicy {

    private static final Logger LOG = Logger.getLogger(SignupPolicy.class.getName());

    public enum Mode {
        OPEN,
        INVITE,
        CLOSED
    }

    @Inject
    @ConfigProperty(name = "RISKBASE_SIGNUP")
    Optional<String> configured;

    @Inject
    @ConfigProperty(name = "RISKBASE_PROFILE", defaultValue = "dev")
    String profile;

    private Mode mode;

    @PostConstruct
    void resolve() {
        mode = resolve(configured, profile);
        LOG.info("Sign-up mode: " + mode.name().toLowerCase(Locale.ROOT));
    }

    static Mode resolve(Optional<String> configured, String profile) {
        String value = configured.map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
        if (value == null) {
            return "dev".equals(profile) ? Mode.OPEN : Mode.INVITE;
        }
        try {
            return Mode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // a typo must not open sign-up: the strictest mode, and a message that names the setting
            LOG.severe("RISKBASE_SIGNUP='" + value + "' is not open, invite or closed; sign-up is closed");
            return Mode.CLOSED;
        }
    }

    public Mode mode() {
        return mode;
    }

    /** Refuses self sign-up unless the mode is open. */
    public void requireOpen() {
        switch (mode) {
            case OPEN -> {}
            case INVITE ->
                throw ApiException.forbidden(
                        "Sign-up is by invitation only: ask an ADMIN of your organization to invite you");
            case CLOSED -> throw ApiException.forbidden("Sign-up is closed on this installation");
        }
    }
}
