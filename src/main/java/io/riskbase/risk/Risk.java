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
                    + "r.closed_at, r.created_by, r.version";

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

    protected Risk() {}

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
        risk.apply(content, createdAt);
        risk.updatedAt = updatedAt;
        risk.closedAt = content.status() == RiskStatus.CLOSED ? closedAt : null;
        return risk;
    }

    /** Replaces every client-settable field; keeps score and closed_at consistent. */
    public void apply(RiskContent content, OffsetDateTime now) {
        this.title = content.title();
        this.description = content.description();
        this.category = content.category();
        this.likelihood = (short) content.likelihood();
        this.impact = (short) content.impact();
        this.score = (short) (content.likelihood() * content.impact());
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
    }

    /** The client-settable fields as they are now (the base a merge patch is applied to). */
    public RiskContent content() {
        return new RiskContent(
                title, description, category, severity, status, likelihood, impact, ownerId, tagList(), dueDate);
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
}
