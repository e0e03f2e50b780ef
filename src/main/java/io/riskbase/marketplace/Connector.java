package io.riskbase.marketplace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A catalogue entry; read-only for the application (the migration owns the catalogue). */
@Entity
@Table(name = "connectors")
public class Connector {

    public enum Status {
        AVAILABLE,
        BETA,
        DEPRECATED
    }

    @Id
    private Long id;

    @Column(nullable = false, updatable = false)
    private String slug;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false, updatable = false)
    private String category;

    @Column(nullable = false, updatable = false)
    private String status;

    @Column(nullable = false, updatable = false)
    private String vendor;

    @Column(nullable = false, updatable = false)
    private String version;

    @Column(updatable = false)
    private String description;

    protected Connector() {}

    public Long getId() {
        return id;
    }

    public String getSlug() {
        return slug;
    }

    public String getName() {
        return name;
    }

    public String getCategory() {
        return category;
    }

    public String getStatus() {
        return status;
    }

    public String getVendor() {
        return vendor;
    }

    public String getVersion() {
        return version;
    }

    public String getDescription() {
        return description;
    }
}
