package io.riskbase.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Preloads what a client asks for right after logging in — the profile, the organization and its settings — off the
 * login request's thread. (The session itself is never preloaded: the login transaction may not have committed yet, and
 * a premature "not live" would be cached.)
 */
@ApplicationScoped
public class LoginWarmup {

    private static final Logger LOG = Logger.getLogger(LoginWarmup.class.getName());

    /** Fired by a successful login. */
    public record UserLoggedIn(long orgId, long userId) {}

    @Inject
    UserService users;

    @Inject
    OrganizationService organizations;

    @Inject
    OrganizationSettingsService settings;

    void warm(@ObservesAsync UserLoggedIn login) {
        try {
            users.get(login.orgId(), login.userId());
            organizations.get(login.orgId());
            settings.get(login.orgId());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "login warm-up skipped", e);
        }
    }
}
