package io.riskbase.marketplace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Something a connector offers (a sync, a webhook); metadata is a JSON object. */
@Entity
@Table(name = "apps")
public class App {

    @Id
    private Long id;

    @Column(name = "connector_id", nullable = false, updatable = false)
    private long connectorId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(updatable = false)
    private String metadata;

    protected App() {}

    public Long getId() {
        return id;
    }

    public long getConnectorId() {
        return connectorId;
    }

    public String getName() {
        return name;
    }

    public String getMetadata() {
        return metadata;
    }
}
