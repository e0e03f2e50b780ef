package io.riskbase.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One asynchronous job of an organization. */
@Entity
@Table(name = "jobs")
public class Job {

    public enum State {
        QUEUED,
        VALIDATING,
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "org_id", nullable = false)
    private long orgId;

    @Column(nullable = false, length = 32)
    private String kind;

    @Column(nullable = false, length = 16)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private State state;

    @Column(name = "created_by")
    private Long createdBy;

    @Column(name = "rows_total", nullable = false)
    private int rowsTotal;

    @Column(name = "rows_done", nullable = false)
    private int rowsDone;

    @Column(name = "rows_created", nullable = false)
    private int rowsCreated;

    @Column(name = "rows_updated", nullable = false)
    private int rowsUpdated;

    @Column(name = "rows_unchanged", nullable = false)
    private int rowsUnchanged;

    @Column(name = "error_count", nullable = false)
    private int errorCount;

    /** The first errors, a JSON array. */
    @Column(length = 100000)
    private String errors;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    /** Written by the worker while it works; a job active without one for long lost its node (JobReaper). */
    @Column(name = "heartbeat_at", nullable = false)
    private OffsetDateTime heartbeatAt;

    protected Job() {}

    Job(long orgId, String kind, Long createdBy, int rowsTotal, OffsetDateTime now) {
        this.orgId = orgId;
        this.kind = kind;
        this.createdBy = createdBy;
        this.rowsTotal = rowsTotal;
        this.state = State.QUEUED;
        this.createdAt = now;
        this.updatedAt = now;
        this.heartbeatAt = now;
    }

    /** Whether a worker may still be at it: a finished job (or one found stale) takes no more batches. */
    boolean active() {
        return state == State.QUEUED || state == State.VALIDATING || state == State.RUNNING;
    }

    void beat(OffsetDateTime now) {
        this.heartbeatAt = now;
    }

    void state(State next, OffsetDateTime now) {
        this.state = next;
        this.updatedAt = now;
        this.heartbeatAt = now;
        if (next == State.SUCCEEDED || next == State.FAILED) {
            this.finishedAt = now;
        }
    }

    void progress(int done, int created, int updated, int unchanged, OffsetDateTime now) {
        this.rowsDone += done;
        this.rowsCreated += created;
        this.rowsUpdated += updated;
        this.rowsUnchanged += unchanged;
        this.updatedAt = now;
        this.heartbeatAt = now;
    }

    void errors(int count, String json) {
        this.errorCount = count;
        this.errors = json;
    }

    public Long getId() {
        return id;
    }

    public long getOrgId() {
        return orgId;
    }

    public String getKind() {
        return kind;
    }

    public State getState() {
        return state;
    }

    public Long getCreatedBy() {
        return createdBy;
    }

    public int getRowsTotal() {
        return rowsTotal;
    }

    public int getRowsDone() {
        return rowsDone;
    }

    public int getRowsCreated() {
        return rowsCreated;
    }

    public int getRowsUpdated() {
        return rowsUpdated;
    }

    public int getRowsUnchanged() {
        return rowsUnchanged;
    }

    public int getErrorCount() {
        return errorCount;
    }

    public String getErrors() {
        return errors;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public OffsetDateTime getFinishedAt() {
        return finishedAt;
    }

    public OffsetDateTime getHeartbeatAt() {
        return heartbeatAt;
    }
}
