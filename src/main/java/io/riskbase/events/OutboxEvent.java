package io.riskbase.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One committed change, as the feed and the webhooks show it. Never updated. */
@Entity
@Table(name = "events")
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "org_id", nullable = false)
    private long orgId;

    @Column(nullable = false)
    private long seq;

    @Column(nullable = false, length = 64)
    private String type;

    @Column(name = "object_type", nullable = false, length = 32)
    private String objectType;

    @Column(name = "object_id", nullable = false, length = 64)
    private String objectId;

    @Column(name = "occurred_at", nullable = false)
    private OffsetDateTime occurredAt;

    @Column(nullable = false, length = 30000)
    private String data;

    protected OutboxEvent() {}

    OutboxEvent(
            long orgId,
            long seq,
            String type,
            String objectType,
            String objectId,
            OffsetDateTime occurredAt,
            String data) {
        this.orgId = orgId;
        this.seq = seq;
        this.type = type;
        this.objectType = objectType;
        this.objectId = objectId;
        this.occurredAt = occurredAt;
        this.data = data;
    }

    long orgId() {
        return orgId;
    }

    long seq() {
        return seq;
    }

    String type() {
        return type;
    }

    String objectType() {
        return objectType;
    }

    String objectId() {
        return objectId;
    }

    OffsetDateTime occurredAt() {
        return occurredAt;
    }

    String data() {
        return data;
    }
}
