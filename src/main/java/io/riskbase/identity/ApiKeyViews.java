package io.riskbase.identity;

import io.riskbase.platform.security.Role;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/** What the API-key endpoints read and answer. */
public final class ApiKeyViews {

    private ApiKeyViews() {}

    /** A new key: a name, its scopes and optionally when it stops working. */
    public record NewApiKey(
            @NotBlank @Size(max = 200) String name,
            @NotNull @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 40) String> scopes,
            @JsonbProperty("expires_at") OffsetDateTime expiresAt) {}

    /** A key; {@code secret} only in the answer that creates it (it is stored as a hash, never shown again). */
    public record ApiKeyView(
            long id,
            String name,
            List<String> scopes,
            String prefix,
            @JsonbProperty("created_by") Long createdBy,
            @JsonbProperty("created_at") OffsetDateTime createdAt,
            @JsonbProperty("expires_at") OffsetDateTime expiresAt,
            @JsonbProperty("last_used_at") OffsetDateTime lastUsedAt,
            @JsonbProperty("revoked_at") OffsetDateTime revokedAt,
            String secret) {
        static ApiKeyView of(ApiKey k, String secret) {
            return new ApiKeyView(
                    k.getId(),
                    k.getName(),
                    k.getScopes(),
                    k.getPrefix(),
                    k.getCreatedBy(),
                    k.getCreatedAt(),
                    k.getExpiresAt(),
                    k.getLastUsedAt(),
                    k.getRevokedAt(),
                    secret);
        }
    }

    /**
     * What a request needs to know about a usable key, cached per (organization, secret hash).
     *
     * @param expiresAt epoch seconds, or 0 for a key that does not expire
     */
    public record ApiKeyGrant(
            long id,
            @JsonbProperty("created_by") long createdBy,
            @JsonbProperty("creator_role") Role creatorRole,
            List<String> scopes,
            long expiresAt) {}
}
