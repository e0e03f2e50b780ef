package io.riskbase.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A tenant. Every tenant row elsewhere carries its id as {@code org_id}. */
@Entity
@Table(name = "organizations")
public class Organization {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String slug;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 32)
    private String plan = "FREE";

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected Organization() {}

    public Organization(String slug, String name, OffsetDateTime createdAt) {
        this.slug = slug;
        this.name = name;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getSlug() {
        return slug;
    }

    public String getName() {
        return name;
    }

    public String getPlan() {
        return plan;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
