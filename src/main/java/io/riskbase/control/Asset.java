package io.riskbase.control;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** Something of value a risk threatens: an application, data, infrastructure, a process, people, a vendor. */
@Entity
@Table(name = "assets")
public class Asset {

    /** The fields a client sets; tags without commas (stored comma-separated, like a risk's). */
    public record Content(
            String name, String type, int criticality, Long ownerId, String description, List<String> tags) {}

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "org_id", nullable = false)
    private long orgId;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 32)
    private String type;

    @Column(nullable = false)
    private int criticality;

    @Column(name = "owner_id")
    private Long ownerId;

    @Column(length = 2000)
    private String description;

    @Column(length = 1000)
    private String tags;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private int version;

    protected Asset() {}

    public Asset(long orgId, OffsetDateTime now) {
        this.orgId = orgId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void apply(Content c, OffsetDateTime now) {
        this.name = c.name();
        this.type = c.type();
        this.criticality = c.criticality();
        this.ownerId = c.ownerId();
        this.description = c.description();
        this.tags = c.tags() == null || c.tags().isEmpty() ? null : String.join(",", c.tags());
        this.updatedAt = now;
    }

    public Content content() {
        return new Content(name, type, criticality, ownerId, description, tagList());
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
