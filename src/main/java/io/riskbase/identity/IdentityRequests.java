package io.riskbase.identity;

import io.riskbase.platform.security.Role;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Validated request bodies of the identity endpoints. */
public final class IdentityRequests {

    static final String SLUG = "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$";

    private IdentityRequests() {}

    public record Login(
            @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 200) String password) {}

    public record Signup(
            @NotBlank @Size(min = 2, max = 200) @JsonbProperty("organization_name")
            String organizationName,

            @Pattern(regexp = SLUG, message = "must be lower-case letters, digits and dashes (1-64)")
            @JsonbProperty("organization_slug")
            String organizationSlug,

            @NotBlank @Email @Size(max = 254) String email,

            @NotBlank @Size(min = 12, max = 200, message = "must be between 12 and 200 characters")
            String password,

            @NotBlank @Size(max = 200) @JsonbProperty("display_name")
            String displayName) {}

    public record NewUser(
            @NotBlank @Email @Size(max = 254) String email,

            @NotBlank @Size(min = 12, max = 200, message = "must be between 12 and 200 characters")
            String password,

            @NotBlank @Size(max = 200) @JsonbProperty("display_name")
            String displayName,

            @NotNull Role role) {}

    public record UserPatch(
            @Size(min = 1, max = 200) @JsonbProperty("display_name")
            String displayName,

            Role role,
            UserStatus status,

            @Size(min = 12, max = 200, message = "must be between 12 and 200 characters")
            String password) {}

    public record NewInvitation(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull Role role) {}

    public record AcceptInvitation(
            @NotBlank @Size(max = 200) String token,

            @NotBlank @Size(min = 12, max = 200, message = "must be between 12 and 200 characters")
            String password,

            @NotBlank @Size(max = 200) @JsonbProperty("display_name")
            String displayName) {}
}
