package io.riskbase.identity;

import io.riskbase.identity.IdentityRequests.Login;
import io.riskbase.identity.IdentityRequests.Signup;
import io.riskbase.identity.IdentityViews.OrganizationView;
import io.riskbase.identity.IdentityViews.SignupView;
import io.riskbase.identity.IdentityViews.TokenView;
import io.riskbase.identity.IdentityViews.UserView;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.ratelimit.RateLimiter;
import io.riskbase.platform.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.text.Normalizer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** Sign-up, login and logout. */
@ApplicationScoped
public class AuthService {

    @Inject
    UserRepository users;

    @Inject
    OrganizationRepository organizations;

    @Inject
    SessionRepository sessions;

    @Inject
    OrganizationSettingsService settings;

    @Inject
    PasswordHasher hasher;

    @Inject
    TokenService tokens;

    @Inject
    Event<LoginWarmup.UserLoggedIn> loggedIn;

    @Inject
    RateLimiter rateLimiter;

    /** Compared against when the e-mail is unknown, so that a miss costs as long as a wrong password. */
    private volatile String decoyHash;

    @Transactional
    public TokenView login(Login request) {
        String email = normalizeEmail(request.email());
        // per e-mail, whatever address guesses: before any database work or password hashing
        rateLimiter.enforceAuthAttempt(email);
        User user = users.findByEmail(email).orElse(null);
        boolean passwordMatches =
                hasher.verify(request.password().toCharArray(), user != null ? user.getPasswordHash() : decoyHash());
        if (user == null || !passwordMatches || user.getStatus() != UserStatus.ACTIVE) {
            throw ApiException.unauthorized("Unknown e-mail or wrong password");
        }
        Instant now = Instant.now();
        TokenService.IssuedToken token = tokens.issue(user, now);
        sessions.add(new UserSession(
                user.getId(),
                user.getOrgId(),
                token.jti(),
                now.atOffset(ZoneOffset.UTC),
                token.expiresAt().atOffset(ZoneOffset.UTC)));
        loggedIn.fireAsync(new LoginWarmup.UserLoggedIn(user.getOrgId(), user.getId()));
        return new TokenView(token.token(), "Bearer", token.expiresIn());
    }

    @Transactional
    public SignupView signup(Signup request) {
        String email = normalizeEmail(request.email());
        rateLimiter.enforceAuthAttempt(email);
        if (users.emailTaken(email)) {
            throw ApiException.conflict("A user with this e-mail already exists");
        }
        String slug =
                request.organizationSlug() != null ? request.organizationSlug() : freeSlug(request.organizationName());
        if (organizations.slugTaken(slug)) {
            throw ApiException.conflict("The organization slug '" + slug + "' is taken");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Organization org = new Organization(slug, request.organizationName().strip(), now);
        organizations.add(org);
        settings.createDefaults(org.getId());
        User admin = new User(
                org.getId(),
                email,
                hasher.hash(request.password().toCharArray()),
                request.displayName().strip(),
                Role.ADMIN,
                now);
        users.add(admin);
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

    static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private String decoyHash() {
        if (decoyHash == null) {
            decoyHash = hasher.hash("not-a-password".toCharArray());
        }
        return decoyHash;
    }
}
