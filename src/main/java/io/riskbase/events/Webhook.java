package io.riskbase.events;

import io.riskbase.events.EventViews.WebhookView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** A webhook endpoint of an organization, with its delivery cursor and failure count. */
@Entity
@Table(name = "webhooks")
public class Webhook {

    public static final String ALL_TYPES = "*";
    static final String AUDIT_PREFIX = "audit.";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "org_id", nullable = false)
    private long orgId;

    @Column(nullable = false, length = 2048)
    private String url;

    @Column(name = "event_types", nullable = false, length = 2000)
    private String eventTypes;

    @Column(nullable = false, length = 128)
    private String secret;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "consecutive_failures", nullable = false)
    private int consecutiveFailures;

    @Column(name = "enqueued_seq", nullable = false)
    private long enqueuedSeq;

    @Column(name = "next_attempt_at", nullable = false)
    private OffsetDateTime nextAttemptAt;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "disabled_at")
    private OffsetDateTime disabledAt;

    protected Webhook() {}

    /** Starts after the organization's newest event: a new endpoint gets what happens from now on. */
    Webhook(long orgId, String url, List<String> eventTypes, String secret, long fromSeq, OffsetDateTime now) {
        this.orgId = orgId;
        this.url = url;
        this.eventTypes = String.join(",", eventTypes);
        this.secret = secret;
        this.enabled = true;
        this.enqueuedSeq = fromSeq;
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    WebhookView view(String shownSecret) {
        return new WebhookView(id, url, eventTypes(), enabled, consecutiveFailures, createdAt, disabledAt, shownSecret);
    }

    List<String> eventTypes() {
        return Arrays.asList(eventTypes.split(","));
    }

    /**
     * {@code *} matches every change event; {@code risk.*} every risk event; otherwise the exact type. The audit log
     * ({@code audit.*}) only goes where it is named: it carries client addresses and failed logins, which a receiver of
     * data changes did not ask for.
     */
    boolean wants(String type) {
        for (String wanted : eventTypes()) {
            if ((wanted.equals(ALL_TYPES) && !type.startsWith(AUDIT_PREFIX))
                    || wanted.equals(type)
                    || (wanted.endsWith(".*") && type.startsWith(wanted.substring(0, wanted.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    void change(String url, List<String> eventTypes) {
        if (url != null) {
            this.url = url;
        }
        if (eventTypes != null) {
            this.eventTypes = String.join(",", eventTypes);
        }
    }

    /** Re-enabled by an admin: retried at once, with a fresh failure count. */
    void enable(OffsetDateTime now) {
        enabled = true;
        disabledAt = null;
        consecutiveFailures = 0;
        nextAttemptAt = now;
    }

    void disable(OffsetDateTime now) {
        enabled = false;
        disabledAt = now;
    }

    void succeeded(OffsetDateTime now) {
        consecutiveFailures = 0;
        nextAttemptAt = now;
    }

    /** One more failure in a row; returns the new count. */
    int failed(OffsetDateTime retryAt) {
        nextAttemptAt = retryAt;
        return ++consecutiveFailures;
    }

    void dueAt(OffsetDateTime at) {
        nextAttemptAt = at;
    }

    void enqueuedUpTo(long seq) {
        enqueuedSeq = seq;
    }

    public Long getId() {
        return id;
    }

    public long getOrgId() {
        return orgId;
    }

    public String getUrl() {
        return url;
    }

    public String getSecret() {
        return secret;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public long getEnqueuedSeq() {
        return enqueuedSeq;
    }
}
