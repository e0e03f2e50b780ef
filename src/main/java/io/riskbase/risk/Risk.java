package io.riskbase.risk;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * One risk of one organization. {@code score} is always likelihood × impact and {@code closed_at} follows the status:
 * both are maintained here, never set from outside.
 */
@Entity
@Table(name = "risks")
public class Risk {

    /** Columns of the table as mapped here (PostgreSQL adds the generated {@code search_vector}). */
    public static final String COLUMNS =
            "r.id, r.org_id, r.title, r.description, r.category, r.severity, r.status, r.likelihood, "
                    + "r.impact, r.score, r.owner_id, r.tags, r.due_date, r.created_at, r.updated_at, "
                    + "r.closed_at, r.created_by, r.version, r.methodology_version, r.inherent_level, r.inherent_rank, "
                    + "r.residual_likelihood, r.residual_impact, r.residual_score, r.residual_level, r.residual_rank, "
                    + "r.target_likelihood, r.target_impact, r.target_score, r.target_level, r.target_rank, "
                    + "r.strategy, r.tasks_total, r.tasks_open, r.tasks_done, r.last_reviewed_at, r.next_review_at, "
                    + "r.external_id, r.acceptance_id, r.acceptance_state, r.accepted_until";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "org_id", nullable = false)
    private long orgId;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(length = 10000)
    private String description;

    @Column(nullable = false, length = 64)
    private String category;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RiskStatus status;

    @Column(nullable = false)
    private short likelihood;

    @Column(nullable = false)
    private short impact;

    @Column(nullable = false)
    private short score;

    @Column(name = "owner_id")
    private Long ownerId;

    /** Comma-separated; tags are validated to contain no commas. */
    @Column(length = 1000)
    private String tags;

    @Column(name = "due_date")
    private LocalDate dueDate;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "closed_at")
    private OffsetDateTime closedAt;

    @Column(name = "created_by")
    private Long createdBy;

    @Version
    private int version;

    /** The methodology version the scores below were computed with. */
    @Column(name = "methodology_version", nullable = false)
    private int methodologyVersion;

    @Column(name = "inherent_level", nullable = false, length = 32)
    private String inherentLevel;

    @Column(name = "inherent_rank", nullable = false)
    private short inherentRank;

    @Column(name = "residual_likelihood", nullable = false)
    private short residualLikelihood;

    @Column(name = "residual_impact", nullable = false)
    private short residualImpact;

    @Column(name = "residual_score", nullable = false)
    private short residualScore;

    @Column(name = "residual_level", nullable = false, length = 32)
    private String residualLevel;

    @Column(name = "residual_rank", nullable = false)
    private short residualRank;

    @Column(name = "target_likelihood")
    private Short targetLikelihood;

    @Column(name = "target_impact")
    private Short targetImpact;

    @Column(name = "target_score")
    private Short targetScore;

    @Column(name = "target_level", length = 32)
    private String targetLevel;

    @Column(name = "target_rank")
    private Short targetRank;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private Strategy strategy;

    // kept by the task writes (TaskRepository.recount), never written through this entity
    @Column(name = "tasks_total", insertable = false, updatable = false)
    private int tasksTotal;

    @Column(name = "tasks_open", insertable = false, updatable = false)
    private int tasksOpen;

    @Column(name = "tasks_done", insertable = false, updatable = false)
    private int tasksDone;

    @Column(name = "last_reviewed_at")
    private OffsetDateTime lastReviewedAt;

    /** (last review, else creation) + the review interval of the residual level; null while CLOSED. */
    @Column(name = "next_review_at")
    private OffsetDateTime nextReviewAt;

    /** The key an import upserts by; unique per organization, null for risks created through the API. */
    @Column(name = "external_id", length = 200)
    private String externalId;

    /** The current acceptance request: PENDING, or APPROVED while the risk is ACCEPTED through it; else null. */
    @Column(name = "acceptance_id")
    private Long acceptanceId;

    @Enumerated(EnumType.STRING)
    @Column(name = "acceptance_state", length = 16)
    private AcceptanceState acceptanceState;

    /** When an approved acceptance expires (the risk then returns to OPEN, due for review). */
    @Column(name = "accepted_until")
    private OffsetDateTime acceptedUntil;

    protected Risk() {}

    /**
     * The insert of a new risk written outside Hibernate ({@link #bindInsert}): an import sends a batch of them in one
     * round trip where Hibernate would send an IDENTITY insert per risk. Every mapped column but the task counts, which
     * start at their defaults (0).
     */
    static final String INSERT = "insert into risks ("
            + "org_id, title, description, category, severity, status, likelihood, impact, "
            + "score, owner_id, tags, due_date, created_at, updated_at, closed_at, created_by, "
            + "version, methodology_version, inherent_level, inherent_rank, "
            + "residual_likelihood, residual_impact, residual_score, residual_level, "
            + "residual_rank, target_likelihood, target_impact, target_score, target_level, "
            + "target_rank, strategy, last_reviewed_at, next_review_at, external_id, "
            + "acceptance_id, acceptance_state, accepted_until)";

    /** How many columns {@link #INSERT} names. */
    static final int INSERT_COLUMNS = 37;

    /**
     * Binds this new risk's columns to {@link #INSERT}'s row that starts after parameter {@code at}; its version starts
     * at 0 as Hibernate's would.
     */
    void bindInsert(java.sql.PreparedStatement s, int at) throws java.sql.SQLException {
        s.setLong(at + 1, orgId);
        s.setString(at + 2, title);
        s.setString(at + 3, description);
        s.setString(at + 4, category);
        s.setString(at + 5, severity == null ? null : severity.name());
        s.setString(at + 6, status == null ? null : status.name());
        s.setShort(at + 7, likelihood);
        s.setShort(at + 8, impact);
        s.setShort(at + 9, score);
        s.setObject(at + 10, ownerId, java.sql.Types.BIGINT);
        s.setString(at + 11, tags);
        s.setObject(at + 12, dueDate);
        s.setObject(at + 13, createdAt);
        s.setObject(at + 14, updatedAt);
        s.setObject(at + 15, closedAt);
        s.setObject(at + 16, createdBy, java.sql.Types.BIGINT);
        s.setInt(at + 17, version);
        s.setInt(at + 18, methodologyVersion);
        s.setString(at + 19, inherentLevel);
        s.setShort(at + 20, inherentRank);
        s.setShort(at + 21, residualLikelihood);
        s.setShort(at + 22, residualImpact);
        s.setShort(at + 23, residualScore);
        s.setString(at + 24, residualLevel);
        s.setShort(at + 25, residualRank);
        s.setObject(at + 26, targetLikelihood, java.sql.Types.SMALLINT);
        s.setObject(at + 27, targetImpact, java.sql.Types.SMALLINT);
        s.setObject(at + 28, targetScore, java.sql.Types.SMALLINT);
        s.setString(at + 29, targetLevel);
        s.setObject(at + 30, targetRank, java.sql.Types.SMALLINT);
        s.setString(at + 31, strategy == null ? null : strategy.name());
        s.setObject(at + 32, lastReviewedAt);
        s.setObject(at + 33, nextReviewAt);
        s.setString(at + 34, externalId);
        s.setObject(at + 35, acceptanceId, java.sql.Types.BIGINT);
        s.setString(at + 36, acceptanceState == null ? null : acceptanceState.name());
        s.setObject(at + 37, acceptedUntil);
    }

    /** The id the database gave the row {@link #bindInsert} wrote. */
    void inserted(long generatedId) {
        this.id = generatedId;
    }

    public Risk(long orgId, Long createdBy, OffsetDateTime now) {
        this.orgId = orgId;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A risk with a past of its own (demo data): timestamps as given rather than now. */
    static Risk imported(
            long orgId,
            Long createdBy,
            RiskContent content,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            OffsetDateTime closedAt) {
        Risk risk = new Risk(orgId, createdBy, createdAt);
        risk.apply(content, createdAt, Methodology.DEFAULT, 1);
        risk.updatedAt = updatedAt;
        risk.closedAt = content.status() == RiskStatus.CLOSED ? closedAt : null;
        return risk;
    }

    /**
     * Replaces every client-settable field and scores the three pairs with the methodology (whose scales they were
     * checked against); keeps scores, levels and closed_at consistent.
     */
    public void apply(RiskContent content, OffsetDateTime now, Methodology methodology, int methodologyVersion) {
        this.title = content.title();
        this.description = content.description();
        this.category = content.category();
        Methodology.Assessment inherent = methodology.assess(content.likelihood(), content.impact());
        this.likelihood = (short) inherent.likelihood();
        this.impact = (short) inherent.impact();
        this.score = (short) inherent.score();
        this.inherentLevel = inherent.level();
        this.inherentRank = (short) inherent.rank();
        Methodology.Assessment residual = methodology.assess(
                content.residual().likelihood(), content.residual().impact());
        this.residualLikelihood = (short) residual.likelihood();
        this.residualImpact = (short) residual.impact();
        this.residualScore = (short) residual.score();
        this.residualLevel = residual.level();
        this.residualRank = (short) residual.rank();
        if (content.target() == null) {
            this.targetLikelihood = null;
            this.targetImpact = null;
            this.targetScore = null;
            this.targetLevel = null;
            this.targetRank = null;
        } else {
            Methodology.Assessment target = methodology.assess(
                    content.target().likelihood(), content.target().impact());
            this.targetLikelihood = (short) target.likelihood();
            this.targetImpact = (short) target.impact();
            this.targetScore = (short) target.score();
            this.targetLevel = target.level();
            this.targetRank = (short) target.rank();
        }
        this.methodologyVersion = methodologyVersion;
        this.strategy = content.strategy();
        this.severity = content.severity();
        this.ownerId = content.ownerId();
        this.tags = content.tags() == null || content.tags().isEmpty() ? null : String.join(",", content.tags());
        this.dueDate = content.dueDate();
        RiskStatus next = content.status() != null ? content.status() : RiskStatus.OPEN;
        if (next == RiskStatus.CLOSED && this.status != RiskStatus.CLOSED) {
            this.closedAt = now;
        } else if (next != RiskStatus.CLOSED) {
            this.closedAt = null;
        }
        this.status = next;
        this.updatedAt = now;
        scheduleReview(methodology);
    }

    /** Records a review now: the next one is due after the residual level's interval. */
    public void reviewed(OffsetDateTime now, Methodology methodology) {
        this.lastReviewedAt = now;
        this.updatedAt = now;
        scheduleReview(methodology);
    }

    /** A request to accept the risk now waits for a decision; the status does not change until it is approved. */
    void acceptanceRequested(long acceptance, OffsetDateTime now) {
        this.acceptanceId = acceptance;
        this.acceptanceState = AcceptanceState.PENDING;
        this.acceptedUntil = null;
        this.updatedAt = now;
    }

    /** Approved by another user: ACCEPTED until the given instant. */
    void acceptanceApproved(long acceptance, OffsetDateTime until, OffsetDateTime now) {
        this.acceptanceId = acceptance;
        this.acceptanceState = AcceptanceState.APPROVED;
        this.acceptedUntil = until;
        this.status = RiskStatus.ACCEPTED;
        this.closedAt = null;
        this.updatedAt = now;
    }

    /** The request was rejected, or the acceptance ended by a write that left ACCEPTED. */
    void acceptanceCleared(OffsetDateTime now) {
        this.acceptanceId = null;
        this.acceptanceState = null;
        this.acceptedUntil = null;
        this.updatedAt = now;
    }

    /** The approval expired: back to OPEN and due for review at once. */
    void acceptanceExpired(OffsetDateTime now) {
        acceptanceCleared(now);
        if (this.status == RiskStatus.ACCEPTED) {
            this.status = RiskStatus.OPEN;
        }
        this.nextReviewAt = now;
    }

    private void scheduleReview(Methodology methodology) {
        Methodology.Level level = methodology.level(residualLevel);
        if (status == RiskStatus.CLOSED || level == null) {
            this.nextReviewAt = null;
            return;
        }
        OffsetDateTime base = lastReviewedAt != null ? lastReviewedAt : createdAt;
        this.nextReviewAt = base.plusDays(level.reviewIntervalDays());
    }

    /** The client-settable fields as they are now (the base a merge patch is applied to). */
    public RiskContent content() {
        return new RiskContent(
                title,
                description,
                category,
                severity,
                status,
                likelihood,
                impact,
                ownerId,
                tagList(),
                dueDate,
                new RiskContent.Pair(residualLikelihood, residualImpact),
                targetLikelihood == null ? null : new RiskContent.Pair(targetLikelihood, targetImpact),
                strategy);
    }

    public String getExternalId() {
        return externalId;
    }

    void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    public List<String> tagList() {
        return tags == null || tags.isEmpty() ? List.of() : List.copyOf(Arrays.asList(tags.split(",")));
    }

    public Long getId() {
        return id;
    }

    public long getOrgId() {
        return orgId;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public String getCategory() {
        return category;
    }

    public Severity getSeverity() {
        return severity;
    }

    public RiskStatus getStatus() {
        return status;
    }

    public int getLikelihood() {
        return likelihood;
    }

    public int getImpact() {
        return impact;
    }

    public int getScore() {
        return score;
    }

    public Long getOwnerId() {
        return ownerId;
    }

    public LocalDate getDueDate() {
        return dueDate;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public OffsetDateTime getClosedAt() {
        return closedAt;
    }

    public Long getCreatedBy() {
        return createdBy;
    }

    public int getVersion() {
        return version;
    }

    public Strategy getStrategy() {
        return strategy;
    }

    public int getTasksTotal() {
        return tasksTotal;
    }

    public int getTasksOpen() {
        return tasksOpen;
    }

    public int getTasksDone() {
        return tasksDone;
    }

    public OffsetDateTime getLastReviewedAt() {
        return lastReviewedAt;
    }

    public OffsetDateTime getNextReviewAt() {
        return nextReviewAt;
    }

    public Long getAcceptanceId() {
        return acceptanceId;
    }

    public AcceptanceState getAcceptanceState() {
        return acceptanceState;
    }

    public OffsetDateTime getAcceptedUntil() {
        return acceptedUntil;
    }

    public int getMethodologyVersion() {
        return methodologyVersion;
    }

    public Methodology.Assessment inherent() {
        return new Methodology.Assessment(likelihood, impact, score, inherentLevel, inherentRank);
    }

    public Methodology.Assessment residual() {
        return new Methodology.Assessment(
                residualLikelihood, residualImpact, residualScore, residualLevel, residualRank);
    }

    /** Null when the risk has no target. */
    public Methodology.Assessment target() {
        return targetLikelihood == null
                ? null
                : new Methodology.Assessment(targetLikelihood, targetImpact, targetScore, targetLevel, targetRank);
    }
}
