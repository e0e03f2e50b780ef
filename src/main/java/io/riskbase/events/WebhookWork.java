package io.riskbase.events;

import io.riskbase.events.EventViews.EventView;
import io.riskbase.events.WebhookRepository.PendingEvent;
import io.riskbase.events.WebhookSender.Outcome;
import io.riskbase.platform.events.ChangeEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One step of delivery to one webhook, in its own transaction, holding the webhook's row locked: turn new events into
 * deliveries, send the oldest undelivered ones one after the other, record the outcomes. Only the node holding the lock
 * works on that endpoint, and each delivery is sent only after the one before it succeeded, so deliveries arrive in
 * event order (a crash before the commit re-sends the step's events with the same webhook-ids: at least once).
 */
@ApplicationScoped
public class WebhookWork {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final int ENQUEUE_BATCH = 200;
    static final long TURN_MILLIS = 1000;

    @Inject
    WebhookRepository webhooks;

    @Inject
    EventRepository events;

    @Inject
    WebhookSender sender;

    @Inject
    WebhookSettings settings;

    @Inject
    ChangeEvents changeEvents;

    @Inject
    EventMetrics metrics;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Long> due(int limit) {
        return webhooks.due(now(), limit);
    }

    /**
     * Sends the endpoint's waiting events in order, up to {@code max} of them, in one transaction holding its row: one
     * claim and one commit for the lot rather than per event (at 50 events/s the per-event claim, reads and commit took
     * as long as the interval between events, so any hiccup left a queue that drained only slowly). A failed attempt
     * ends the turn; no new send starts after {@value #TURN_MILLIS} ms. Returns whether more may wait.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean deliverSome(long webhookId, int max) {
        OffsetDateTime now = now();
        Optional<Webhook> claimed = webhooks.claim(webhookId, now);
        if (claimed.isEmpty()) {
            return false;
        }
        Webhook webhook = claimed.get();
        List<PendingEvent> fresh = webhooks.eventsAfter(webhook.getOrgId(), webhook.getEnqueuedSeq(), ENQUEUE_BATCH);
        for (PendingEvent event : fresh) {
            if (webhook.wants(event.type())) {
                webhooks.addDelivery(
                        new WebhookDelivery(webhook.getOrgId(), webhookId, event.eventId(), event.seq(), now));
            }
        }
        if (!fresh.isEmpty()) {
            webhook.enqueuedUpTo(fresh.get(fresh.size() - 1).seq());
            webhooks.flush();
        }
        List<WebhookDelivery> next = webhooks.pending(webhook.getOrgId(), webhookId, max);
        long until = System.nanoTime() + TURN_MILLIS * 1_000_000L;
        int sent = 0;
        for (WebhookDelivery delivery : next) {
            if (sent > 0 && System.nanoTime() > until) {
                return true;
            }
            sent++;
            if (!send(webhook, delivery)) {
                return false;
            }
        }
        // nothing written when nothing happened: an idle endpoint costs a few index reads per poll, no updates
        return next.size() == max || fresh.size() == ENQUEUE_BATCH;
    }

    /** One attempt, recorded; on failure the endpoint backs off (and is disabled after too many). */
    private boolean send(Webhook webhook, WebhookDelivery delivery) {
        long webhookId = webhook.getId();
        EventView event = events.byId(webhook.getOrgId(), delivery.getEventId()).orElseThrow();
        String refusal = settings.guard().refusal(webhook.getUrl());
        Outcome outcome = refusal != null
                ? new Outcome(false, null, "refused: " + refusal)
                : sender.send(webhook.getUrl(), webhook.getSecret(), event.id(), JSONB.toJson(event));
        OffsetDateTime after = now();
        delivery.attempted(outcome.statusCode(), outcome.error(), outcome.delivered(), after);
        if (outcome.delivered()) {
            webhook.succeeded(after);
            metrics.delivered();
            return true;
        }
        metrics.failed();
        int failures = webhook.failed(
                after.plus(settings.backoff().after(delivery.getAttempts(), ThreadLocalRandom.current()::nextDouble)));
        if (failures >= settings.disableAfterFailures()) {
            webhook.disable(after);
            metrics.disabled();
            changeEvents.publish(
                    webhook.getOrgId(),
                    "webhook.disabled",
                    "webhook",
                    webhookId,
                    Map.of(
                            "url",
                            webhook.getUrl(),
                            "consecutive_failures",
                            failures,
                            "last_error",
                            outcome.error() == null ? "" : outcome.error()));
        }
        return false;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
