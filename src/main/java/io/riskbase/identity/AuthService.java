package io.riskbase.identity;

import io.riskbase.identity.IdentityRequests.AcceptInvitation;
import io.riskbase.identity.IdentityRequests.Login;
import io.riskbase.identity.IdentityRequests.Signup;
import io.riskbase.identity.IdentityViews.SignupView;
import io.riskbase.identity.IdentityViews.TokenView;
import io.riskbase.identity.IdentityViews.UserView;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.ratelimit.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Sign-up, login and logout. Deliberately not transactional: the password is hashed or checked outside any transaction
 * and behind the {@link PasswordHashing} bulkhead, between the short transactions of {@link AuthTransactions}, so a
 * burst of logins cannot hold the connection pool.
 */
@ApplicationScoped
public class AuthService {

    @Inject
    AuthTransactions store;

    @Inject
    PasswordHashing passwords;

    @Inject
    TokenService tokens;

    @Inject
    Event<LoginWarmup.UserLoggedIn> loggedIn;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    SignupPolicy signupPolicy;

    @Inject
    InvitationService invitations;

    @Inject
    SsoService sso;

    /** Compared against when the e-mail is unknown, so that a miss costs as long as a wrong password. */
    private volatile String decoyHash;

    public TokenView login(Login request) {
        String email = normalizeEmail(request.email());
        // per (e-mail, address), then slowed per e-mail: before any database work or password hashing
        rateLimiter.enforceAuthAttempt(email);
        User user = store.findUser(email).orElse(null);
        // a user created by single sign-on has no password: checked against the decoy like an unknown e-mail, so
        // timing does not tell them apart either, and never accepted
        String stored = user != null && !SsoTransactions.NO_PASSWORD.equals(user.getPasswordHash())
                ? user.getPasswordHash()
                : null;
        boolean passwordMatches =
                passwords.verify(request.password().toCharArray(), stored != null ? stored : decoyHash())
                        && stored != null;
        if (user == null || !passwordMatches || user.getStatus() != UserStatus.ACTIVE) {
            if (user != null) {
                store.recordFailedLogin(user, !passwordMatches ? "wrong password" : "user " + user.getStatus());
            }
            throw ApiException.unauthorized("Unknown e-mail or wrong password");
        }
        // only after the password matched: the answer tells nobody without it whether the e-mail exists
        if (!sso.passwordLoginAllowed(user.getOrgId())) {
            throw ApiException.forbidden("This organization signs in through single sign-on only: use "
                    + "GET /api/v1/auth/sso/{organization}/login");
        }
        Instant now = Instant.now();
        TokenService.IssuedToken token = tokens.issue(user, now);
        store.addSession(new UserSession(
                user.getId(),
                user.getOrgId(),
                token.jti(),
                now.atOffset(ZoneOffset.UTC),
                token.expiresAt().atOffset(ZoneOffset.UTC)));
        loggedIn.fireAsync(new LoginWarmup.UserLoggedIn(user.getOrgId(), user.getId()));
        return new TokenView(token.token(), "Bearer", token.expiresIn());
    }

    public SignupView signup(Signup request) {
        signupPolicy.requireOpen();
        String email = normalizeEmail(request.email());
        rateLimiter.enforceAuthAttempt(email);
        // hashed whether or not the e-mail is taken: a refusal costs as long as a success, so timing tells nothing
        String passwordHash = passwords.hash(request.password().toCharArray());
        return store.createOrganization(request, email, passwordHash);
    }

    /** Joins the inviting organization with the invited role; allowed in every sign-up mode. */
    public UserView accept(AcceptInvitation request) {
        Invitation invitation = invitations.findPending(request.token()).orElseThrow(InvitationService::invalidToken);
        String passwordHash = passwords.hash(request.password().toCharArray());
        return invitations.join(
                invitation.getOrgId(),
                invitation,
                passwordHash,
                request.displayName().strip());
    }

    /**
     * The one answer for "e-mail taken" and "slug taken" at sign-up, at user creation and at invitation acceptance: it
     * does not say which detail was in the way, nor that an e-mail belongs to somebody (docs/api.md, "Accounts").
     */
    static ApiException accountNotCreated() {
        return ApiException.conflict("The account could not be created with these details; "
                + "try another e-mail address or organization slug, or sign in if you already have an account");
    }

    static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private String decoyHash() {
        if (decoyHash == null) {
            decoyHash = passwords.hash("not-a-password".toCharArray());
        }
        return decoyHash;
    }
}
