package io.riskbase.identity;

import io.riskbase.platform.security.Role;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /organization/sso} and the answer of its GET. */
public final class SsoSettings {

    static final String PROVIDER_ID = "^[A-Za-z0-9_-]{1,64}$";
    static final String CLAIM_NAME = "^[A-Za-z0-9_:./-]{1,100}$";

    private SsoSettings() {}

    @Schema(name = "SsoSettingsUpdate")
    public record Update(
            @NotNull @Pattern(regexp = PROVIDER_ID, message = "must be the id of one of the server's OIDC providers")
            String provider,

            @NotBlank @Size(max = 500) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL")
            String issuer,

            @Pattern(regexp = CLAIM_NAME, message = "must be a claim name (letters, digits, _ : . / -; 1-100)")
            @JsonbProperty("groups_claim")
            String groupsClaim,

            @NotNull @JsonbProperty("role_mapping") Map<String, Role> roleMapping,

            @JsonbProperty("password_login") Boolean passwordLogin) {}

    @Schema(name = "SsoSettings")
    public record View(
            String provider,
            String issuer,
            @JsonbProperty("groups_claim") String groupsClaim,
            @JsonbProperty("role_mapping") Map<String, Role> roleMapping,
            @JsonbProperty("password_login") boolean passwordLogin,
            @JsonbProperty("login_url") String loginUrl,
            @JsonbProperty("updated_at") OffsetDateTime updatedAt) {

        static View of(SsoConfig config, String slug) {
            return new View(
                    config.getProvider(),
                    config.getIssuer(),
                    config.getGroupsClaim(),
                    SsoRoleMapping.fromJson(config.getRoleMapping()).roles(),
                    config.isPasswordLogin(),
                    SsoResource.loginPath(slug),
                    config.getUpdatedAt());
        }
    }
}
