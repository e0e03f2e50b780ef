package io.riskbase.identity;

import io.riskbase.identity.IdentityViews.TokenView;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.StorableText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The end of a single sign-on: Liberty's OpenID Connect client has run the code flow and validated the ID token; here
 * the token must belong to the organization named in the URL (its provider and issuer), the user is provisioned with
 * the role their groups map to, and a normal Riskbase token is issued, so the API stays bearer-token based.
 */
@ApplicationScoped
public class SsoLogin {

    private static final Logger LOG = Logger.getLogger(SsoLogin.class.getName());

    @Inject
    SsoService settings;

    /**
     * How old an ID token may be when it is exchanged for a Riskbase token. Liberty's client keeps the sign-in in
     * cookies, so the browser that signed in could come back for more tokens; past this age it must sign in at the
     * provider again (which, with a live provider session, costs the user nothing but re-reads their groups).
     */
    @Inject
    @ConfigProperty(name = "riskbase.sso.max-id-token-age-seconds", defaultValue = "300")
    long maxIdTokenAgeSeconds;

    @Inject
    SsoTransactions provisioning;

    @Inject
    AuthTransactions store;

    @Inject
    TokenService tokens;

    @Inject
    Event<LoginWarmup.UserLoggedIn> loggedIn;

    /** The provider the organization signs in through; 404 when it has no single sign-on. */
    public String providerOf(String slug) {
        return settings.forSignIn(slug)
                .map(SsoConfig::getProvider)
                .orElseThrow(() -> ApiException.notFound("Single sign-on for organization '" + slug + "'"));
    }

    public TokenView complete(String provider, String slug, Optional<JsonObject> idToken) {
        JsonObject claims = idToken.orElseThrow(
                () -> ApiException.unauthorized("No OpenID Connect sign-in took place for this request"));
        JsonValue issuedAt = claims.get("iat");
        if (!(issuedAt instanceof JsonNumber iat)
                || iat.longValue() < Instant.now().getEpochSecond() - maxIdTokenAgeSeconds) {
            throw ApiException.unauthorized(
                    "The sign-in at the identity provider is too old: start again at " + SsoResource.loginPath(slug));
        }
        SsoConfig config = configFor(slug);
        if (!config.getProvider().equals(provider)) {
            throw ApiException.forbidden("This organization does not sign in through provider '" + provider + "'");
        }
        if (!config.getIssuer().equals(text(claims, "iss").orElse(""))) {
            LOG.warning("SSO for " + slug + " refused: ID token issuer "
                    + text(claims, "iss").orElse("(none)") + " is not the configured " + config.getIssuer());
            throw ApiException.forbidden("The identity provider's token was not issued for this organization");
        }
        String email = text(claims, "email")
                .map(AuthService::normalizeEmail)
                .filter(e -> e.contains("@") && e.length() <= 254 && StorableText.problem(e) == null)
                .orElseThrow(() -> ApiException.forbidden("The identity provider sent no e-mail address"));
        if (claims.get("email_verified") == JsonValue.FALSE) {
            throw ApiException.forbidden("The identity provider has not verified this e-mail address");
        }
        Collection<String> groups = SsoRoleMapping.groupsOf(claims.get(config.getGroupsClaim()));
        Optional<Role> role = SsoRoleMapping.fromJson(config.getRoleMapping()).roleFor(groups);
        String displayName = text(claims, "name")
                .or(() -> text(claims, "preferred_username"))
                .map(StorableText::printable)
                .map(n -> n.length() > 200 ? n.substring(0, 200) : n)
                .orElse(email);
        SsoTransactions.Outcome outcome = provisioning.provision(config.getOrgId(), email, displayName, role);
        if (outcome instanceof SsoTransactions.Refused refused) {
            throw ApiException.forbidden(refused.reason());
        }
        User user = ((SsoTransactions.SignedIn) outcome).user();
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

    private SsoConfig configFor(String slug) {
        return settings.forSignIn(slug)
                .orElseThrow(() -> ApiException.notFound("Single sign-on for organization '" + slug + "'"));
    }

    private static Optional<String> text(JsonObject claims, String name) {
        JsonValue value = claims.get(name);
        return value instanceof JsonString s && !s.getString().isBlank()
                ? Optional.of(s.getString().strip())
                : Optional.empty();
    }
}
