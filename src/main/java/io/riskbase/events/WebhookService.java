package io.riskbase.events;

import io.riskbase.events.EventViews.DeliveryView;
import io.riskbase.events.EventViews.WebhookView;
import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.errors.Problem;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/** Webhook endpoints of an organization (ADMIN), their delivery log and replays. */
@ApplicationScoped
public class WebhookService {

    /** {@code *}, {@code risk.*} or an exact type such as {@code risk.updated}. */
    private static final Pattern TYPE = Pattern.compile("\\*|[a-z][a-z-]{0,30}\\.(\\*|[a-z][a-z-]{0,30})");

    public record NewWebhook(
            @NotBlank @Size(max = 2048) String url,

            @JsonbProperty("event_types") @NotNull @NotEmpty @Size(max = 50)
            List<@NotBlank @Size(max = 64) String> eventTypes,

            @Size(max = 128) String secret) {}

    public record WebhookPatch(
            @Size(max = 2048) String url,

            @JsonbProperty("event_types") @Size(min = 1, max = 50)
            List<@NotBlank @Size(max = 64) String> eventTypes,

            Boolean enabled) {}

    /** Whether some webhook of the organization (enabled or paused) takes its audit log. */
    public record AuditForwarding(boolean on) {}

    @Inject
    WebhookRepository webhooks;

    @Inject
    EventRepository events;

    @Inject
    WebhookSettings settings;

    @Cached(EventsCache.AUDIT_FORWARDING)
    @Transactional(Transactional.TxType.SUPPORTS)
    public AuditForwarding forwardsAudit(@TenantId long orgId) {
        return new AuditForwarding(webhooks.anyWanting(orgId, AuditForwarder.TYPE));
    }

    @CacheInvalidate(namespaces = EventsCache.AUDIT_FORWARDING)
    @Transactional
    public WebhookView create(@TenantId long orgId, NewWebhook input) {
        checkUrl(input.url());
        checkTypes(input.eventTypes());
        String secret = input.secret() == null ? WebhookSignature.newSecret() : input.secret();
        if (!WebhookSignature.isValidSecret(secret)) {
            throw ApiException.invalidFields(List.of(new Problem.FieldError(
                    "secret", "must be whsec_ followed by the base64 of 24 to 64 random bytes, or left out")));
        }
        Webhook webhook =
                new Webhook(orgId, input.url().strip(), input.eventTypes(), secret, events.headSeq(orgId), now());
        webhooks.add(webhook);
        return webhook.view(secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<WebhookView> list(long orgId, PageRequest page) {
        List<WebhookView> items = webhooks.list(orgId, page.offset(), page.size()).stream()
                .map(w -> w.view(null))
                .toList();
        return new Page<>(items, webhooks.count(orgId), page.page(), page.size());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WebhookView get(long orgId, long id) {
        return find(orgId, id).view(null);
    }

    @CacheInvalidate(namespaces = EventsCache.AUDIT_FORWARDING)
    @Transactional
    public WebhookView update(@TenantId long orgId, long id, WebhookPatch patch) {
        Webhook webhook = find(orgId, id);
        if (patch.url() != null) {
            checkUrl(patch.url());
        }
        if (patch.eventTypes() != null) {
            checkTypes(patch.eventTypes());
        }
        webhook.change(patch.url() == null ? null : patch.url().strip(), patch.eventTypes());
        if (Boolean.TRUE.equals(patch.enabled()) && !webhook.isEnabled()) {
            webhook.enable(now());
        } else if (Boolean.FALSE.equals(patch.enabled()) && webhook.isEnabled()) {
            webhook.disable(now());
        }
        return webhook.view(null);
    }

    @CacheInvalidate(namespaces = EventsCache.AUDIT_FORWARDING)
    @Transactional
    public void delete(@TenantId long orgId, long id) {
        webhooks.remove(find(orgId, id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DeliveryView> deliveries(long orgId, long id, PageRequest page) {
        find(orgId, id);
        return new Page<>(
                webhooks.deliveries(orgId, id, page.offset(), page.size()),
                webhooks.deliveryCount(orgId, id),
                page.page(),
                page.size());
    }

    /**
     * Sends the delivery again (first, before later events still waiting); a disabled webhook sends it when enabled.
     */
    @Transactional
    public DeliveryView replay(long orgId, long id, long deliveryId) {
        Webhook webhook = find(orgId, id);
        WebhookDelivery delivery = webhooks.delivery(orgId, id, deliveryId)
                .orElseThrow(() -> ApiException.notFound("Delivery " + deliveryId + " of webhook " + id));
        delivery.replay();
        if (webhook.isEnabled()) {
            webhook.dueAt(now());
        }
        webhooks.flush();
        return webhooks.deliveryView(orgId, id, deliveryId).orElseThrow();
    }

    private Webhook find(long orgId, long id) {
        return webhooks.find(orgId, id).orElseThrow(() -> ApiException.notFound("Webhook " + id));
    }

    private void checkUrl(String url) {
        String refusal = settings.guard().refusal(url.strip());
        if (refusal != null) {
            throw ApiException.invalidFields(List.of(new Problem.FieldError("url", refusal)));
        }
    }

    private static void checkTypes(List<String> types) {
        for (String type : types) {
            if (type == null || !TYPE.matcher(type).matches()) {
                throw ApiException.invalidFields(List.of(new Problem.FieldError(
                        "event_types", "'" + type + "' is not an event type (e.g. risk.updated, risk.*, *)")));
            }
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
