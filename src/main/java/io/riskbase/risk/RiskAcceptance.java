package io.riskbase.risk;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A request to accept a risk (maker) and its decision by another user (checker). */
@Entity
@Table(name = "risk_acceptances")
public class RiskAcceptance {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "org_id", nullable = false)
    private long orgId;

    @Column(name = "risk_id", nullable = false)
    private long riskId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private AcceptanceState state;

    @Column(name = "requested_by")
    private Long requestedBy;

    @Column(name = "requested_at", nullable = false)
    private OffsetDateTime requestedAt;

    @Column(name = "request_note", length = 2000)
    private String requestNote;

    @Column(name = "decided_by")
    private Long decidedBy;

    @Column(name = "decided_at")
    private OffsetDateTime decidedAt;

    @Column(length = 2000)
    private String justification;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "ended_at")
    private OffsetDateTime endedAt;

    protected RiskAcceptance() {}

    public RiskAcceptance(long orgId, long riskId, Long requestedBy, OffsetDateTime now, String note) {
        this.orgId = orgId;
        this.riskId = riskId;
        this.requestedBy = requestedBy;
        this.requestedAt = now;
        this.requestNote = note;
        this.state = AcceptanceState.PENDING;
    }

    void approve(long by, OffsetDateTime now, String justification, OffsetDateTime expiresAt) {
        this.state = AcceptanceState.APPROVED;
        this.decidedBy = by;
        this.decidedAt = now;
        this.justification = justification;
        this.expiresAt = expiresAt;
    }

    void reject(long by, OffsetDateTime now, String justification) {
        this.state = AcceptanceState.REJECTED;
        this.decidedBy = by;
        this.decidedAt = now;
        this.justification = justification;
    }

    void end(OffsetDateTime now) {
        this.state = AcceptanceState.ENDED;
        this.endedAt = now;
    }

    public Long getId() {
        return id;
    }

    public long getOrgId() {
        return orgId;
    }

    public long getRiskId() {
        return riskId;
    }

    public AcceptanceState getState() {
        return state;
    }

    public Long getRequestedBy() {
        return requestedBy;
    }

    public OffsetDateTime getRequestedAt() {
        return requestedAt;
    }

    public String getRequestNote() {
        return requestNote;
    }

    public Long getDecidedBy() {
        return decidedBy;
    }

    public OffsetDateTime getDecidedAt() {
        return decidedAt;
    }

    public String getJustification() {
        return justification;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }

    public OffsetDateTime getEndedAt() {
        return endedAt;
    }
}
