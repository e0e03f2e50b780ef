package io.riskbase.identity;

import io.riskbase.platform.persistence.DatabaseMigrator;
import io.riskbase.platform.persistence.FirstStartData;
import io.riskbase.platform.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * In the dev profile, makes sure a demo organization exists with one user per role and prints how to log in. The
 * password is RISKBASE_DEMO_PASSWORD, or generated and printed once when unset.
 */
@ApplicationScoped
public class DemoDataSeeder {

    public static final String DEMO_SLUG = "demo";
    private static final Logger LOG = Logger.getLogger(DemoDataSeeder.class.getName());

    @Inject
    @ConfigProperty(name = "RISKBASE_PROFILE", defaultValue = "dev")
    String profile;

    @Inject
    @ConfigProperty(name = "RISKBASE_DEMO_PASSWORD")
    Optional<String> demoPassword;

    @Inject
    @ConfigProperty(name = "riskbase.demo.enabled", defaultValue = "true")
    boolean enabled;

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    Event<DemoOrganizationCreated> created;

    /** Fired when the demo organization is created, so other features can add demo content. */
    public record DemoOrganizationCreated(long orgId, long adminId, long analystId) {}

    @Transactional
    void seed(@Observes FirstStartData ready) {
        if (!"dev".equals(profile) || !enabled) {
            return;
        }
        DatabaseMigrator.seedingLock(em, ready.postgres());
        Organization org = em.createQuery("select o from Organization o where o.slug = :slug", Organization.class)
                .setParameter("slug", DEMO_SLUG)
                .getResultStream()
                .findFirst()
                .orElse(null);
        String password = demoPassword.filter(p -> !p.isBlank()).orElse(null);
        boolean generated = false;
        if (org == null) {
            if (password == null) {
                password = generatePassword();
                generated = true;
            }
            org = new Organization(DEMO_SLUG, "Demo Organization", OffsetDateTime.now(ZoneOffset.UTC));
            em.persist(org);
            em.persist(new OrgSettings(
                    org.getId(),
                    jakarta.json.bind.JsonbBuilder.create().toJson(SettingsDocument.defaults()),
                    OffsetDateTime.now(ZoneOffset.UTC)));
            String hash = hasher.hash(password.toCharArray());
            User admin = addUser(org, Role.ADMIN, hash);
            User analyst = addUser(org, Role.ANALYST, hash);
            addUser(org, Role.VIEWER, hash);
            em.flush();
            created.fire(new DemoOrganizationCreated(org.getId(), admin.getId(), analyst.getId()));
        } else if (password != null) {
            String hash = hasher.hash(password.toCharArray());
            em.createQuery("update User u set u.passwordHash = :hash where u.orgId = :org")
                    .setParameter("hash", hash)
                    .setParameter("org", org.getId())
                    .executeUpdate();
        }
        StringBuilder banner = new StringBuilder("\n=== Riskbase demo organization '")
                .append(DEMO_SLUG)
                .append("' ===\n");
        for (Role role : Role.values()) {
            banner.append("  ")
                    .append(String.format("%-8s", role))
                    .append(email(role))
                    .append('\n');
        }
        if (generated) {
            banner.append("  password (generated, shown only now): ")
                    .append(password)
                    .append('\n');
        } else if (password != null) {
            banner.append("  password: the value of RISKBASE_DEMO_PASSWORD\n");
        } else {
            banner.append("  password: as printed at the first start (set RISKBASE_DEMO_PASSWORD to choose one)\n");
        }
        LOG.info(banner.toString());
    }

    private User addUser(Organization org, Role role, String hash) {
        String name = role.name().charAt(0) + role.name().substring(1).toLowerCase();
        User user = new User(org.getId(), email(role), hash, "Demo " + name, role, OffsetDateTime.now(ZoneOffset.UTC));
        em.persist(user);
        return user;
    }

    public static String email(Role role) {
        return role.name().toLowerCase() + "@demo.riskbase.local";
    }

    private static String generatePassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
