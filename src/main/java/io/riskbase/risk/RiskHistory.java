package io.riskbase.risk;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One audit entry: who changed which fields of a risk, when, old → new (JSON in {@code changes}). Never updated. */
@Entity
@Table(name = "risk_history")
public class RiskHistory {

    public enum Action {
        CREATED,
        UPDATED,
        DELETED,
        /** A periodic review was recorded (its note is in the changes as {@code review_note}). */
        REVIEWED,
        /** A control or asset was linked to the risk (the changes name it: {@code control_id} or {@code asset_id}). */
        LINKED,
        /** A control or asset was unlinked from the risk, or deleted while linked. */
        UNLINKED,
        /** An acceptance was requested (the status is unchanged until approved). */
        ACCEPT_REQUESTED,
        /** Another user approved the acceptance: the risk is ACCEPTED until the expiry. */
        ACCEPT_APPROVED,
        ACCEPT_REJECTED,
        /** The approval expired: the risk returned to OPEN, due for review (no user: the expiry job). */
        ACCEPT_EXPIRED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "org_id", nullable = false)
    private long orgId;

    @Column(name = "risk_id", nullable = false)
    private long riskId;

    @Column(nullable = false, length = 16)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Action action;

    @Column(name = "changed_by")
    private Long changedBy;

    @Column(name = "changed_at", nullable = false)
    private OffsetDateTime changedAt;

    @Column(nullable = false, length = 30000)
    private String changes;

    protected RiskHistory() {}

    public RiskHistory(
            long orgId, long riskId, Action action, Long changedBy, OffsetDateTime changedAt, String changes) {
        this.orgId = orgId;
        this.riskId = riskId;
        this.action = action;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
        this.changes = changes;
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

    public Action getAction() {
        return action;
    }

    public Long getChangedBy() {
        return changedBy;
    }

    public OffsetDateTime getChangedAt() {
        return changedAt;
    }

    public String getChanges() {
        return changes;
    }
}
