package io.riskbase.control;

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

/** A control of the organization's library: what it does, how far it is, how well it works. */
@Entity
@Table(name = "controls")
public class Control {

    public enum Type {
        PREVENTIVE,
        DETECTIVE,
        CORRECTIVE
    }

    public enum Status {
        PLANNED,
        IMPLEMENTING,
        IMPLEMENTED,
        RETIRED
    }

    /** The fields a client sets. */
    public record Content(
            String code,
            String name,
            String description,
            Type type,
            Status status,
            Long ownerId,
            Integer effectiveness,
            LocalDate reviewDate) {}

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "org_id", nullable = false)
    private long orgId;

    @Column(length = 64)
    private String code;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(length = 2000)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Type type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(name = "owner_id")
    private Long ownerId;

    private Integer effectiveness;

    @Column(name = "review_date")
    private LocalDate reviewDate;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private int version;

    protected Control() {}

    public Control(long orgId, OffsetDateTime now) {
        this.orgId = orgId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void apply(Content c, OffsetDateTime now) {
        this.code = c.code();
        this.name = c.name();
        this.description = c.description();
        this.type = c.type();
        this.status = c.status();
        this.ownerId = c.ownerId();
        this.effectiveness = c.effectiveness();
        this.reviewDate = c.reviewDate();
        this.updatedAt = now;
    }

    public Content content() {
        return new Content(code, name, description, type, status, ownerId, effectiveness, reviewDate);
    }

    public Long getId() {
        return id;
    }

    public long getOrgId() {
        return orgId;
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
