package io.riskbase.identity;

import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Just-in-time provisioning at a single sign-on: the identity provider's groups decide the role at every login. The
 * outcome is returned rather than thrown, so a lowered role or revoked sessions are committed even when the login is
 * then refused.
 */
@ApplicationScoped
public class SsoTransactions {

    /** Stored instead of a password hash for users created by single sign-on: no password ever matches it. */
    static final String NO_PASSWORD = "sso-only";

    @Inject
    io.riskbase.platform.events.ChangeEvents changeEvents;

    @Inject
    UserRepository users;

    @Inject
    SessionRepository sessions;

    sealed interface Outcome permits SignedIn, Refused {}

    record SignedIn(User user) implements Outcome {}

    record Refused(String reason) implements Outcome {}

    @CacheInvalidate(namespaces = {IdentityCache.USER, IdentityCache.USER_LIST, IdentityCache.SESSION})
    @Transactional
    public Outcome provision(@TenantId long orgId, String email, String displayName, Optional<Role> role) {
        Optional<User> existing = users.findByEmail(email);
        if (existing.isPresent() && existing.get().getOrgId() != orgId) {
            // e-mail addresses are unique across organizations: an account elsewhere is never taken over
            return new Refused("This account cannot sign in through this organization's single sign-on");
        }
        if (role.isEmpty()) {
            // tokens carry the role: the old ones of a user who left every mapped group end now
            existing.ifPresent(u -> sessions.revokeAllOf(orgId, u.getId()));
            return new Refused("Your identity provider's groups give you no role in this organization; "
                    + "ask its administrator for access");
        }
        if (existing.isEmpty()) {
            User created =
                    new User(orgId, email, NO_PASSWORD, displayName, role.get(), OffsetDateTime.now(ZoneOffset.UTC));
            users.add(created);
            changeEvents.publish(
                    orgId,
                    "user.created",
                    "user",
                    created.getId(),
                    java.util.Map.of(
                            "email", email, "role", created.getRole(), "display_name", displayName, "via", "sso"));
            return new SignedIn(created);
        }
        User user = existing.get();
        if (user.getStatus() != UserStatus.ACTIVE) {
            return new Refused("This account is disabled in Riskbase");
        }
        if (user.getRole() != role.get()) {
            Role before = user.getRole();
            user.setRole(role.get());
            sessions.revokeAllOf(orgId, user.getId());
            changeEvents.publish(
                    orgId,
                    "user.updated",
                    "user",
                    user.getId(),
                    java.util.Map.of(
                            "changes",
                            java.util.Map.of("role", java.util.Map.of("from", before, "to", role.get())),
                            "via",
                            "sso"));
        }
        return new SignedIn(user);
    }
}
