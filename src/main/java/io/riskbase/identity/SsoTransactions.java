package io.riskbase.identity;

import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.security.AuditTrail;
import io.riskbase.platform.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * Just-in-time provisioning at a single sign-on: the identity provider's groups decide the role at every login. The
 * outcome is returned rather than thrown, so a lowered role, revoked sessions or the audit entry of a refusal are
 * committed even when the login is then refused. The provider cannot take the last active ADMIN away: an organization
 * nobody can administer could not even change its single sign-on.
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

    @Inject
    OrganizationRepository organizations;

    @Inject
    AuditTrail audit;

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
            Map<String, Object> details =
                    Map.of("email", email, "role", created.getRole(), "display_name", displayName, "via", "sso");
            audit.record(orgId, "user.created", "user", created.getId(), details);
            changeEvents.publish(orgId, "user.created", "user", created.getId(), details);
            return new SignedIn(created);
        }
        User user = existing.get();
        if (user.getStatus() != UserStatus.ACTIVE) {
            return new Refused("This account is disabled in Riskbase");
        }
        if (user.getRole() != role.get()) {
            Role before = user.getRole();
            Map<String, Object> change = Map.of("role", Map.of("from", before, "to", role.get()));
            if (before == Role.ADMIN && lastActiveAdmin(orgId)) {
                // the sessions stay: they are how this ADMIN hands the organization over before the role can go
                audit.record(
                        orgId,
                        "user.role-change-refused",
                        "user",
                        user.getId(),
                        Map.of("changes", change, "via", "sso", "reason", "the organization's last active ADMIN"));
                return new Refused("Your identity provider no longer makes you an ADMIN, but you are this "
                        + "organization's last active ADMIN: another ADMIN must be appointed first");
            }
            user.setRole(role.get());
            sessions.revokeAllOf(orgId, user.getId());
            audit.record(orgId, "user.updated", "user", user.getId(), Map.of("role", change.get("role"), "via", "sso"));
            changeEvents.publish(orgId, "user.updated", "user", user.getId(), Map.of("changes", change, "via", "sso"));
        }
        return new SignedIn(user);
    }

    /** Counted under the organization's admin-change lock, like a demotion through the API (UserService.update). */
    private boolean lastActiveAdmin(long orgId) {
        organizations.lockForAdminChange(orgId);
        return users.countActiveAdmins(orgId) <= 1;
    }
}
