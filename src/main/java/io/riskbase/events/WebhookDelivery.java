package io.riskbase.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One event's delivery to one webhook. */
@Entity
@Table(name = "webhook_deliveries")
public class WebhookDelivery {

    public static final String PENDING = "PENDING";
    public static final String SUCCEEDED = "SUCCEEDED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "org_id", nullable = false)
    private long orgId;

    @Column(name = "webhook_id", nullable = false)
    private long webhookId;

    @Column(name = "event_id", nullable = false)
    private long eventId;

    @Column(name = "event_seq", nullable = false)
    private long eventSeq;

    @Column(nullable = false, length = 16)
    private String status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_status_code")
    private Integer lastStatusCode;

    @Column(name = "last_error", length = 500)
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "last_attempt_at")
    private OffsetDateTime lastAttemptAt;

    @Column(name = "delivered_at")
    private OffsetDateTime deliveredAt;

    protected WebhookDelivery() {}

    WebhookDelivery(long orgId, long webhookId, long eventId, long eventSeq, OffsetDateTime now) {
        this.orgId = orgId;
        this.webhookId = webhookId;
        this.eventId = eventId;
        this.eventSeq = eventSeq;
        this.status = PENDING;
        this.createdAt = now;
    }

    void attempted(Integer statusCode, String error, boolean delivered, OffsetDateTime now) {
        attempts++;
        lastStatusCode = statusCode;
        if (error != null) {
            // kept after a later success: the log shows what failed before
            lastError = error.length() > 500 ? error.substring(0, 500) : error;
        }
        lastAttemptAt = now;
        if (delivered) {
            status = SUCCEEDED;
            deliveredAt = now;
        }
    }

    void replay() {
        status = PENDING;
    }

    public Long getId() {
        return id;
    }

    public long getEventId() {
        return eventId;
    }

    public long getEventSeq() {
        return eventSeq;
    }

    public int getAttempts() {
        return attempts;
    }
}
