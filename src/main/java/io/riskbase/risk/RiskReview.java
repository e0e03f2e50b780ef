package io.riskbase.risk;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One recorded review of a risk: who, when, what they noted, and the level and next date it left. */
@Entity
@Table(name = "risk_reviews")
public class RiskReview {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "org_id", nullable = false)
    private long orgId;

    @Column(name = "risk_id", nullable = false)
    private long riskId;

    @Column(name = "reviewed_by")
    private Long reviewedBy;

    @Column(name = "reviewed_at", nullable = false)
    private OffsetDateTime reviewedAt;

    @Column(length = 2000)
    private String note;

    @Column(name = "residual_level", nullable = false, length = 32)
    private String residualLevel;

    @Column(name = "next_review_at")
    private OffsetDateTime nextReviewAt;

    protected RiskReview() {}

    public RiskReview(Risk risk, Long reviewedBy, OffsetDateTime reviewedAt, String note) {
        this.orgId = risk.getOrgId();
        this.riskId = risk.getId();
        this.reviewedBy = reviewedBy;
        this.reviewedAt = reviewedAt;
        this.note = note;
        this.residualLevel = risk.residual().level();
        this.nextReviewAt = risk.getNextReviewAt();
    }

    public Long getId() {
        return id;
    }

    public long getRiskId() {
        return riskId;
    }

    public Long getReviewedBy() {
        return reviewedBy;
    }

    public OffsetDateTime getReviewedAt() {
        return reviewedAt;
    }

    public String getNote() {
        return note;
    }

    public String getResidualLevel() {
        return residualLevel;
    }

    public OffsetDateTime getNextReviewAt() {
        return nextReviewAt;
    }
}
