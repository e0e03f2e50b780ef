package io.riskbase.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** An organization's settings, stored as one validated JSON document. */
@Entity
@Table(name = "org_settings")
public class OrgSettings {

    @Id
    @Column(name = "org_id")
    private Long orgId;

    @Column(nullable = false, length = 8000)
    private String settings;

    @Version
    private int version;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected OrgSettings() {}

    public OrgSettings(Long orgId, String settings, OffsetDateTime updatedAt) {
        this.orgId = orgId;
        this.settings = settings;
        this.updatedAt = updatedAt;
    }

    public Long getOrgId() {
        return orgId;
    }

    public String getSettings() {
        return settings;
    }

    public int getVersion() {
        return version;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public void replace(String settings, OffsetDateTime updatedAt) {
        this.settings = settings;
        this.updatedAt = updatedAt;
    }
}
