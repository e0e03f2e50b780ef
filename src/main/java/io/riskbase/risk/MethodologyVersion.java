package io.riskbase.risk;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One stored version of an organization's methodology; rows are only ever added, never changed. */
@Entity
@Table(name = "methodologies")
public class MethodologyVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "org_id", nullable = false)
    private long orgId;

    @Column(nullable = false)
    private int version;

    /** The {@link Methodology} as JSON. */
    @Column(nullable = false, length = 30000)
    private String document;

    @Column(name = "created_by")
    private Long createdBy;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected MethodologyVersion() {}

    public MethodologyVersion(long orgId, int version, String document, Long createdBy, OffsetDateTime createdAt) {
        this.orgId = orgId;
        this.version = version;
        this.document = document;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public long getOrgId() {
        return orgId;
    }

    public int getVersion() {
        return version;
    }

    public String getDocument() {
        return document;
    }

    public Long getCreatedBy() {
        return createdBy;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
