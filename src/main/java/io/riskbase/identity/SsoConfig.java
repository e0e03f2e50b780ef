package io.riskbase.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** An organization's single sign-on through one of the server's OpenID Connect providers (011-sso). */
@Entity
@Table(name = "sso_configs")
public class SsoConfig {

    @Id
    @Column(name = "org_id")
    private Long orgId;

    @Column(nullable = false, length = 64)
    private String provider;

    @Column(nullable = false, length = 500)
    private String issuer;

    @Column(name = "groups_claim", nullable = false, length = 100)
    private String groupsClaim;

    /** JSON object group → role, validated by {@link SsoRoleMapping} before it is stored. */
    @Column(name = "role_mapping", nullable = false, length = 4000)
    private String roleMapping;

    @Column(name = "password_login", nullable = false)
    private boolean passwordLogin;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private int version;

    protected SsoConfig() {}

    public SsoConfig(long orgId) {
        this.orgId = orgId;
    }

    public void replace(
            String provider,
            String issuer,
            String groupsClaim,
            String roleMapping,
            boolean passwordLogin,
            OffsetDateTime updatedAt) {
        this.provider = provider;
        this.issuer = issuer;
        this.groupsClaim = groupsClaim;
        this.roleMapping = roleMapping;
        this.passwordLogin = passwordLogin;
        this.updatedAt = updatedAt;
    }

    public Long getOrgId() {
        return orgId;
    }

    public String getProvider() {
        return provider;
    }

    public String getIssuer() {
        return issuer;
    }

    public String getGroupsClaim() {
        return groupsClaim;
    }

    public String getRoleMapping() {
        return roleMapping;
    }

    public boolean isPasswordLogin() {
        return passwordLogin;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }
}
