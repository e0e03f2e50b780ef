package io.riskbase.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An organization's last event number: the row writers lock, from the number they take until they commit. */
@Entity
@Table(name = "event_heads")
public class EventHead {

    @Id
    @Column(name = "org_id")
    private Long orgId;

    @Column(nullable = false)
    private long seq;

    protected EventHead() {}

    long next() {
        return ++seq;
    }
}
