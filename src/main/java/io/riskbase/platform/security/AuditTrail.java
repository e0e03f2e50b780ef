package io.riskbase.platform.security;

import io.riskbase.platform.json.JsonDetails;
import io.riskbase.platform.security.AuditEvent.ActorKind;
import io.riskbase.platform.web.RequestThread;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * Records changes in the organization audit log, in the caller's transaction: a failure to record fails the change. The
 * actor is the request's API key or user; {@link #recordAs} names it where the request has none yet (login) or there is
 * no request (background work). It fires an {@link AuditEvent} synchronously; the audit feature observes it and writes
 * the entry, so features name only this class and the audit feature is imported by none of them.
 */
@ApplicationScoped
public class AuditTrail {

    @Inject
    Event<AuditEvent> events;

    @Inject
    Event<AuditBatch> batches;

    /** One action of {@link #recordAll}; {@code data} is the text of a JSON object. */
    public record Item(String action, String objectType, Object objectId, String data) {}

    @Inject
    Caller caller;

    @Inject
    HttpServletRequest request;

    /** Records an action of the request's caller (its API key, else its user). */
    public void record(long orgId, String action, String objectType, Object objectId, Map<String, ?> data) {
        record(orgId, action, objectType, objectId, JsonDetails.of(data));
    }

    /** As {@link #record(long, String, String, Object, Map)}, with details already a JSON object. */
    public void record(long orgId, String action, String objectType, Object objectId, JsonObject data) {
        events.fire(event(orgId, actor(), action, objectType, objectId, clientAddress(), data.toString()));
    }

    /**
     * Records several actions of the request's caller (or of the system, in the background) as one batch: the chain is
     * locked once for all of them, in list order.
     */
    public void recordAll(long orgId, java.util.List<Item> items) {
        if (items.isEmpty()) {
            return;
        }
        Actor actor = actor();
        String address = clientAddress();
        batches.fire(new AuditBatch(
                orgId,
                items.stream()
                        .map(i -> event(orgId, actor, i.action(), i.objectType(), i.objectId(), address, i.data()))
                        .toList()));
    }

    private record Actor(Long id, ActorKind kind) {}

    private Actor actor() {
        if (!RequestThread.active()) {
            // no request (start-up seeding, background work): a system action
            return new Actor(null, ActorKind.SYSTEM);
        }
        try {
            if (caller.isAuthenticated()) {
                if (caller.apiKeyId().isPresent()) {
                    return new Actor(caller.apiKeyId().getAsLong(), ActorKind.API_KEY);
                }
                return new Actor(caller.userId(), ActorKind.USER);
            }
        } catch (ContextNotActiveException e) {
            // no request (start-up seeding, background work): a system action
        } catch (RuntimeException e) {
            // a request without a usable token (or none at all behind a container-started context): a system action
        }
        return new Actor(null, ActorKind.SYSTEM);
    }

    /** Records an action of a named actor (a user logging in, a key whose use is recorded in the background). */
    public void recordAs(
            long orgId,
            Long actorId,
            ActorKind kind,
            String action,
            String objectType,
            Object objectId,
            Map<String, ?> data) {
        fire(orgId, actorId, kind, action, objectType, objectId, JsonDetails.of(data));
    }

    private void fire(
            long orgId,
            Long actorId,
            ActorKind kind,
            String action,
            String objectType,
            Object objectId,
            JsonObject data) {
        events.fire(
                event(orgId, new Actor(actorId, kind), action, objectType, objectId, clientAddress(), data.toString()));
    }

    private static AuditEvent event(
            long orgId, Actor actor, String action, String objectType, Object objectId, String address, String data) {
        return new AuditEvent(
                orgId,
                actor.id(),
                actor.kind(),
                action,
                objectType,
                objectId == null ? null : objectId.toString(),
                address,
                data);
    }

    private String clientAddress() {
        try {
            return request.getRemoteAddr();
        } catch (RuntimeException e) {
            // no request on this thread (background work): no address
            return null;
        }
    }
}
