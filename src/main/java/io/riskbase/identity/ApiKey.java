package io.riskbase.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** An organization's API key; the secret is stored only as its SHA-256, revoked keys stay listed. */
@Entity
@Table(name = "api_keys")
public class ApiKey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "org_id", nullable = false)
    private Long orgId;

    @Column(nullable = false, length = 200)
    private String name;

    /** Space-separated. */
    @Column(nullable = false, length = 500)
    private String scopes;

    @Column(name = "secret_hash", nullable = false, unique = true, length = 64)
    private String secretHash;

    /** The secret's first characters, shown in lists so people can tell their keys apart. */
    @Column(nullable = false, length = 32)
    private String prefix;

    @Column(name = "created_by", nullable = false)
    private Long createdBy;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected ApiKey() {}

    public ApiKey(
            Long orgId,
            String name,
            List<String> scopes,
            String secretHash,
            String prefix,
            Long createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime expiresAt) {
        this.orgId = orgId;
        this.name = name;
        this.scopes = String.join(" ", scopes);
        this.secretHash = secretHash;
        this.prefix = prefix;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public Long getId() {
        return id;
    }

    public Long getOrgId() {
        return orgId;
    }

    public String getName() {
        return name;
    }

    public List<String> getScopes() {
        return scopes.isBlank() ? List.of() : Arrays.asList(scopes.split(" "));
    }

    public String getSecretHash() {
        return secretHash;
    }

    public String getPrefix() {
        return prefix;
    }

    public Long getCreatedBy() {
        return createdBy;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }

    public OffsetDateTime getLastUsedAt() {
        return lastUsedAt;
    }

    public OffsetDateTime getRevokedAt() {
        return revokedAt;
    }

    public void revoke(OffsetDateTime at) {
        this.revokedAt = at;
    }
}
