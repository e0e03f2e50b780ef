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

/** One task of a risk's treatment plan. {@code completed_at} follows the status (set when it becomes DONE). */
@Entity
@Table(name = "risk_tasks")
public class RiskTask {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "org_id", nullable = false)
    private long orgId;

    @Column(name = "risk_id", nullable = false)
    private long riskId;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(length = 2000)
    private String description;

    @Column(name = "owner_id")
    private Long ownerId;

    @Column(name = "due_date")
    private LocalDate dueDate;

    @Column(name = "control_id")
    private Long controlId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TaskStatus status;

    @Column(name = "completed_at")
    private OffsetDateTime completedAt;

    @Column(name = "created_by")
    private Long createdBy;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private int version;

    protected RiskTask() {}

    public RiskTask(long orgId, long riskId, Long createdBy, OffsetDateTime now) {
        this.orgId = orgId;
        this.riskId = riskId;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    /** The client-settable fields of a task; {@code controlId}: the control the task implements, if any. */
    public record Content(
            String title, String description, Long ownerId, LocalDate dueDate, TaskStatus status, Long controlId) {}

    public void apply(Content content, OffsetDateTime now) {
        this.title = content.title();
        this.description = content.description();
        this.ownerId = content.ownerId();
        this.dueDate = content.dueDate();
        this.controlId = content.controlId();
        TaskStatus next = content.status() == null ? TaskStatus.OPEN : content.status();
        if (next == TaskStatus.DONE && this.status != TaskStatus.DONE) {
            this.completedAt = now;
        } else if (next != TaskStatus.DONE) {
            this.completedAt = null;
        }
        this.status = next;
        this.updatedAt = now;
    }

    public Content content() {
        return new Content(title, description, ownerId, dueDate, status, controlId);
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

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public Long getOwnerId() {
        return ownerId;
    }

    public LocalDate getDueDate() {
        return dueDate;
    }

    public Long getControlId() {
        return controlId;
    }

    public TaskStatus getStatus() {
        return status;
    }

    public OffsetDateTime getCompletedAt() {
        return completedAt;
    }

    public Long getCreatedBy() {
        return createdBy;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public int getVersion() {
        return version;
    }
}
