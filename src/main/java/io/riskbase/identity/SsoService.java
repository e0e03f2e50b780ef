package io.riskbase.identity;

import io.riskbase.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An organization's single sign-on settings (ADMIN), and the question every password login asks of them. Not cached:
 * they are read at login only, which costs a PBKDF2 hash anyway.
 */
@ApplicationScoped
public class SsoService {

    static final String DEFAULT_GROUPS_CLAIM = "groups";

    @Inject
    SsoConfigRepository configs;

    @Inject
    OrganizationRepository organizations;

    /**
     * The ids of the {@code <openidConnectClient>} elements the operator declared (RISKBASE_SSO_PROVIDERS): Liberty's
     * OIDC client is server configuration, so an organization can only choose among these.
     */
    @Inject
    @ConfigProperty(name = "riskbase.sso.providers")
    Optional<String> providers;

    @Transactional
    public Optional<SsoSettings.View> get(long orgId) {
        return configs.find(orgId).map(c -> SsoSettings.View.of(c, slugOf(orgId)));
    }

    @Transactional
    public SsoSettings.View replace(long orgId, SsoSettings.Update update) {
        List<String> declared = declaredProviders();
        if (!declared.contains(update.provider())) {
            throw ApiException.badRequest("provider '" + update.provider() + "' is not declared on this server; "
                    + (declared.isEmpty()
                            ? "the operator has declared no OpenID Connect provider (RISKBASE_SSO_PROVIDERS)"
                            : "declared: " + String.join(", ", declared)));
        }
        SsoRoleMapping mapping;
        try {
            mapping = SsoRoleMapping.of(update.roleMapping());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String issuer = update.issuer().strip();
        if (configs.issuerTakenByOther(orgId, issuer)) {
            throw ApiException.conflict("This issuer is already used for single sign-on by another organization");
        }
        Optional<SsoConfig> stored = configs.find(orgId);
        SsoConfig config = stored.orElseGet(() -> new SsoConfig(orgId));
        config.replace(
                update.provider(),
                issuer,
                update.groupsClaim() != null ? update.groupsClaim() : DEFAULT_GROUPS_CLAIM,
                mapping.toJson(),
                update.passwordLogin() == null || update.passwordLogin(),
                OffsetDateTime.now(ZoneOffset.UTC));
        if (stored.isEmpty()) {
            configs.add(config);
        }
        return SsoSettings.View.of(config, slugOf(orgId));
    }

    @Transactional
    public void delete(long orgId) {
        SsoConfig config = configs.find(orgId).orElseThrow(() -> ApiException.notFound("Single sign-on configuration"));
        configs.remove(config);
    }

    /** False only when the organization has switched password login off in favour of single sign-on. */
    @Transactional
    public boolean passwordLoginAllowed(long orgId) {
        return configs.find(orgId).map(SsoConfig::isPasswordLogin).orElse(true);
    }

    /** The configuration an SSO sign-in for this organization slug is checked against. */
    @Transactional
    public Optional<SsoConfig> forSignIn(String slug) {
        return configs.findBySlug(slug);
    }

    List<String> declaredProviders() {
        return Arrays.stream(providers.orElse("").split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private String slugOf(long orgId) {
        return organizations.find(orgId).map(Organization::getSlug).orElseThrow();
    }
}
