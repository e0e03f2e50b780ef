package io.riskbase.marketplace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;

/** A connector installed in one organization. */
@Entity
@Table(name = "installations")
@IdClass(Installation.Key.class)
public class Installation {

    public static class Key implements Serializable {
        private Long orgId;
        private Long connectorId;

        public Key() {}

        public Key(Long orgId, Long connectorId) {
            this.orgId = orgId;
            this.connectorId = connectorId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && java.util.Objects.equals(orgId, k.orgId)
                    && java.util.Objects.equals(connectorId, k.connectorId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(orgId, connectorId);
        }
    }

    static final int CONFIG_MAX_CHARS = 4000;

    @Id
    @Column(name = "org_id")
    private Long orgId;

    @Id
    @Column(name = "connector_id")
    private Long connectorId;

    @Column(nullable = false, length = 16)
    private String status;

    /** The settings as JSON; the column's size (003-marketplace.xml), which the service checks before storing. */
    @Column(length = CONFIG_MAX_CHARS)
    private String config;

    @Column(name = "installed_by")
    private Long installedBy;

    @Column(name = "installed_at", nullable = false)
    private OffsetDateTime installedAt;

    protected Installation() {}

    public Installation(long orgId, long connectorId, String config, long installedBy, OffsetDateTime installedAt) {
        this.orgId = orgId;
        this.connectorId = connectorId;
        this.status = "ACTIVE";
        this.config = config;
        this.installedBy = installedBy;
        this.installedAt = installedAt;
    }

    public Long getOrgId() {
        return orgId;
    }

    public Long getConnectorId() {
        return connectorId;
    }

    public String getStatus() {
        return status;
    }

    public String getConfig() {
        return config;
    }

    public Long getInstalledBy() {
        return installedBy;
    }

    public OffsetDateTime getInstalledAt() {
        return installedAt;
    }
}
