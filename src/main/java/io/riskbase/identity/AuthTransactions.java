package io.riskbase.identity;

import io.riskbase.identity.IdentityRequests.Signup;
import io.riskbase.identity.IdentityViews.OrganizationView;
import io.riskbase.identity.IdentityViews.SignupView;
import io.riskbase.identity.IdentityViews.UserView;
import io.riskbase.platform.security.AuditEvent.ActorKind;
import io.riskbase.platform.security.AuditTrail;
import io.riskbase.platform.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The short database transactions of sign-up and login. They live apart from {@link AuthService} so that the password
 * hashing between them runs outside any transaction: a pooled connection is held for a few queries, never for the 0.2 s
 * of PBKDF2 (with Liberty, a connection used in a transaction goes back to the pool when it commits).
 */
@ApplicationScoped
public class AuthTransactions {

    @Inject
    io.riskbase.platform.events.ChangeEvents changeEvents;

    @Inject
    UserRepository users;

    @Inject
    OrganizationRepository organizations;

    @Inject
    SessionRepository sessions;

    @Inject
    AuditTrail audit;

    @Inject
    OrganizationSettingsService settings;

    @Transactional
    public Optional<User> findUser(String email) {
        return users.findByEmail(email);
    }

    @Transactional
    public void addSession(UserSession session) {
        sessions.add(session);
        audit.recordAs(
                session.getOrgId(),
                session.getUserId(),
                ActorKind.USER,
                "login.succeeded",
                "user",
                session.getUserId(),
                Map.of());
    }

    /**
     * A failed login of a known user, recorded in their organization's log. Unknown e-mails belong to no organization
     * and are not recorded; the answer is the same either way.
     */
    @Transactional
    public void recordFailedLogin(User user, String reason) {
        audit.recordAs(
                user.getOrgId(),
                user.getId(),
                ActorKind.USER,
                "login.failed",
                "user",
                user.getId(),
                Map.of("reason", reason));
    }

    /** The organization and its first ADMIN, whose password was hashed before this transaction began. */
    @Transactional
    public SignupView createOrganization(Signup request, String email, String passwordHash) {
        if (users.emailTaken(email)) {
            throw AuthService.accountNotCreated();
        }
        String slug =
                request.organizationSlug() != null ? request.organizationSlug() : freeSlug(request.organizationName());
        if (organizations.slugTaken(slug)) {
            throw AuthService.accountNotCreated();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Organization org = new Organization(slug, request.organizationName().strip(), now);
        organizations.add(org);
        settings.createDefaults(org.getId());
        User admin =
                new User(org.getId(), email, passwordHash, request.displayName().strip(), Role.ADMIN, now);
        users.add(admin);
        audit.recordAs(
                org.getId(),
                admin.getId(),
                ActorKind.USER,
                "organization.created",
                "organization",
                org.getId(),
                Map.of("slug", slug, "email", email));
        changeEvents.publish(
                org.getId(),
                "user.created",
                "user",
                admin.getId(),
                Map.of("email", email, "role", admin.getRole(), "display_name", admin.getDisplayName()));
        return new SignupView(OrganizationView.of(org), UserView.of(admin));
    }

    private String freeSlug(String name) {
        String base = Normalizer.normalize(name, Normalizer.Form.NFKD)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (base.isEmpty()) {
            base = "org";
        }
        base = base.length() > 50 ? base.substring(0, 50) : base;
        String slug = base;
        while (organizations.slugTaken(slug)) {
            slug = base + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 30), 36);
        }
        return slug;
    }
}
