package io.riskbase.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/** One audit log entry. Never updated: a changed row breaks the chain ({@link AuditChain}). */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "org_id", nullable = false)
    private long orgId;

    @Column(nullable = false)
    private long seq;

    @Column(nullable = false)
    private OffsetDateTime at;

    @Column(name = "actor_id")
    private Long actorId;

    @Column(name = "actor_kind", nullable = false, length = 16)
    private String actorKind;

    @Column(nullable = false, length = 64)
    private String action;

    @Column(name = "object_type", length = 32)
    private String objectType;

    @Column(name = "object_id", length = 64)
    private String objectId;

    @Column(name = "client_address", length = 64)
    private String clientAddress;

    @Column(nullable = false, length = 30000)
    private String data;

    @Column(name = "prev_hash", nullable = false, length = 64)
    private String prevHash;

    @Column(nullable = false, length = 64)
    private String hash;

    protected AuditEntry() {}

    AuditEntry(AuditChain.Content content, OffsetDateTime at, String prevHash, String hash) {
        this.orgId = content.orgId();
        this.seq = content.seq();
        this.at = at;
        this.actorId = content.actorId();
        this.actorKind = content.actorKind();
        this.action = content.action();
        this.objectType = content.objectType();
        this.objectId = content.objectId();
        this.clientAddress = content.clientAddress();
        this.data = content.data();
        this.prevHash = prevHash;
        this.hash = hash;
    }

    static long micros(OffsetDateTime at) {
        return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, at.toInstant());
    }

    public Long getId() {
        return id;
    }

    public long getOrgId() {
        return orgId;
    }

    public long getSeq() {
        return seq;
    }

    public OffsetDateTime getAt() {
        return at;
    }

    public Long getActorId() {
        return actorId;
    }

    public String getActorKind() {
        return actorKind;
    }

    public String getAction() {
        return action;
    }

    public String getObjectType() {
        return objectType;
    }

    public String getObjectId() {
        return objectId;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public String getData() {
        return data;
    }

    public String getPrevHash() {
        return prevHash;
    }

    public String getHash() {
        return hash;
    }
}
