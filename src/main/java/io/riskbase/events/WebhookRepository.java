package io.riskbase.events;

import io.riskbase.events.EventViews.DeliveryView;
import io.riskbase.platform.persistence.Dialect;
import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Webhooks and deliveries. Tenant queries filter on {@code org_id}; the dispatcher's queries ({@link #due},
 * {@link #claim}) run for all organizations by design (background work for every tenant) and return ids only.
 */
@DbTimed
@ApplicationScoped
public class WebhookRepository {

    /** An event as a delivery sends it. */
    public record PendingEvent(long eventId, long seq, String type) {}

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    @Inject
    Dialect dialect;

    public Optional<Webhook> find(long orgId, long id) {
        return em.createQuery("select w from Webhook w where w.id = :id and w.orgId = :org", Webhook.class)
                .setParameter("id", id)
                .setParameter("org", orgId)
                .getResultStream()
                .findFirst();
    }

    public List<Webhook> list(long orgId, int offset, int limit) {
        return em.createQuery("select w from Webhook w where w.orgId = :org order by w.id", Webhook.class)
                .setParameter("org", orgId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Whether a webhook of the organization, enabled or not, asks for events of {@code type}. */
    public boolean anyWanting(long orgId, String type) {
        return list(orgId, 0, Integer.MAX_VALUE).stream().anyMatch(w -> w.wants(type));
    }

    public long count(long orgId) {
        return em.createQuery("select count(w) from Webhook w where w.orgId = :org", Long.class)
                .setParameter("org", orgId)
                .getSingleResult();
    }

    public void add(Webhook webhook) {
        em.persist(webhook);
        em.flush();
    }

    public void flush() {
        em.flush();
    }

    public void remove(Webhook webhook) {
        em.remove(webhook);
    }

    /**
     * Enabled webhooks that are due and have work (a waiting delivery, or events of their organization they have not
     * looked at), least recently served first: idle endpoints cost nothing, and an endpoint just served goes to the
     * back. No lock: {@link #claim} decides who works.
     */
    @SuppressWarnings("unchecked")
    public List<Long> due(OffsetDateTime now, int limit) {
        List<Number> ids = em.createNativeQuery("select w.id from webhooks w where w.enabled = true"
                        + " and w.next_attempt_at <= ?1"
                        + " and (exists (select 1 from events e where e.org_id = w.org_id and e.seq > w.enqueued_seq)"
                        + " or exists (select 1 from webhook_deliveries d where d.webhook_id = w.id"
                        + " and d.status = 'PENDING'))"
                        + " order by w.next_attempt_at limit " + limit)
                .setParameter(1, now)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /**
     * The webhook, locked until the transaction ends, if it is still due and no other node holds it: the node that gets
     * it is the only one delivering to that endpoint until it commits. Other nodes skip it without waiting.
     */
    public Optional<Webhook> claim(long id, OffsetDateTime now) {
        String lock = dialect.isPostgres() ? " for update skip locked" : " for update";
        @SuppressWarnings("unchecked")
        List<Number> got = em.createNativeQuery(
                        "select id from webhooks where id = ?1 and enabled = true and next_attempt_at <= ?2" + lock)
                .setParameter(1, id)
                .setParameter(2, now)
                .getResultList();
        if (got.isEmpty()) {
            return Optional.empty();
        }
        Webhook webhook = em.find(Webhook.class, id);
        em.refresh(webhook);
        return Optional.of(webhook);
    }

    /** The organization's events after the webhook's cursor, oldest first. */
    @SuppressWarnings("unchecked")
    public List<PendingEvent> eventsAfter(long orgId, long seq, int limit) {
        List<Object[]> rows = em.createNativeQuery(
                        "select id, seq, type from events where org_id = ?1 and seq > ?2 order by seq limit " + limit)
                .setParameter(1, orgId)
                .setParameter(2, seq)
                .getResultList();
        return rows.stream()
                .map(r -> new PendingEvent(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2]))
                .toList();
    }

    public void addDelivery(WebhookDelivery delivery) {
        em.persist(delivery);
    }

    /** The webhook's oldest undelivered events, oldest first: deliveries go out in event order. */
    public List<WebhookDelivery> pending(long orgId, long webhookId, int limit) {
        return em.createQuery(
                        "select d from WebhookDelivery d where d.orgId = :org and d.webhookId = :hook"
                                + " and d.status = :pending order by d.eventSeq",
                        WebhookDelivery.class)
                .setParameter("org", orgId)
                .setParameter("hook", webhookId)
                .setParameter("pending", WebhookDelivery.PENDING)
                .setMaxResults(limit)
                .getResultList();
    }

    public Optional<WebhookDelivery> delivery(long orgId, long webhookId, long id) {
        return em.createQuery(
                        "select d from WebhookDelivery d where d.id = :id and d.orgId = :org and d.webhookId = :hook",
                        WebhookDelivery.class)
                .setParameter("id", id)
                .setParameter("org", orgId)
                .setParameter("hook", webhookId)
                .getResultStream()
                .findFirst();
    }

    /** Newest first. */
    public List<DeliveryView> deliveries(long orgId, long webhookId, int offset, int limit) {
        return deliveryViews(orgId, webhookId, null, " limit " + limit + " offset " + offset);
    }

    public Optional<DeliveryView> deliveryView(long orgId, long webhookId, long id) {
        return deliveryViews(orgId, webhookId, id, "").stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    private List<DeliveryView> deliveryViews(long orgId, long webhookId, Long id, String page) {
        var query = em.createNativeQuery("select d.id, d.webhook_id, d.event_id, d.event_seq, e.type,"
                        + " d.status, d.attempts, d.last_status_code, d.last_error, d.created_at, d.last_attempt_at,"
                        + " d.delivered_at from webhook_deliveries d join events e on e.id = d.event_id"
                        + " where d.org_id = ?1 and d.webhook_id = ?2" + (id == null ? "" : " and d.id = ?3")
                        + " order by d.event_seq desc, d.id desc" + page)
                .setParameter(1, orgId)
                .setParameter(2, webhookId);
        if (id != null) {
            query.setParameter(3, id);
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream()
                .map(r -> new DeliveryView(
                        ((Number) r[0]).longValue(),
                        ((Number) r[1]).longValue(),
                        "evt_" + ((Number) r[2]).longValue(),
                        ((Number) r[3]).longValue(),
                        (String) r[4],
                        (String) r[5],
                        ((Number) r[6]).intValue(),
                        r[7] == null ? null : ((Number) r[7]).intValue(),
                        (String) r[8],
                        EventRepository.time(r[9]),
                        EventRepository.time(r[10]),
                        EventRepository.time(r[11])))
                .toList();
    }

    public long deliveryCount(long orgId, long webhookId) {
        return em.createQuery(
                        "select count(d) from WebhookDelivery d where d.orgId = :org and d.webhookId = :hook",
                        Long.class)
                .setParameter("org", orgId)
                .setParameter("hook", webhookId)
                .getSingleResult();
    }
}
