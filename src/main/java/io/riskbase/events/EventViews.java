package io.riskbase.events;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.OffsetDateTime;

/** What the event and webhook endpoints answer. */
public final class EventViews {

    private EventViews() {}

    /** The object an event is about. */
    public record ObjectRef(String type, String id) {}

    /**
     * One event, as the feed lists it and as a webhook delivery's body carries it.
     *
     * @param id globally unique, {@code evt_<n>}: the {@code webhook-id} of its deliveries
     * @param seq the organization's sequence number: the feed's cursor
     */
    public record EventView(
            String id,
            long seq,
            String type,
            ObjectRef object,
            @JsonbProperty("occurred_at") OffsetDateTime occurredAt,
            JsonObject data) {}

    /** A webhook endpoint; the secret is shown only in the answer that created it (or rotated it). */
    public record WebhookView(
            long id,
            String url,
            @JsonbProperty("event_types") java.util.List<String> eventTypes,
            boolean enabled,
            @JsonbProperty("consecutive_failures") int consecutiveFailures,
            @JsonbProperty("created_at") OffsetDateTime createdAt,
            @JsonbProperty("disabled_at") OffsetDateTime disabledAt,
            String secret) {}

    /** One event's delivery to one webhook: where it stands and what its last attempt got. */
    public record DeliveryView(
            long id,
            @JsonbProperty("webhook_id") long webhookId,
            @JsonbProperty("event_id") String eventId,
            @JsonbProperty("event_seq") long eventSeq,
            @JsonbProperty("event_type") String eventType,
            String status,
            int attempts,
            @JsonbProperty("last_status_code") Integer lastStatusCode,
            @JsonbProperty("last_error") String lastError,
            @JsonbProperty("created_at") OffsetDateTime createdAt,
            @JsonbProperty("last_attempt_at") OffsetDateTime lastAttemptAt,
            @JsonbProperty("delivered_at") OffsetDateTime deliveredAt) {}
}
