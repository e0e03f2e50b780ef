package io.riskbase.platform.security;

import java.util.Objects;

/**
 * A change to record in an organization's audit log, fired synchronously inside the transaction of the change.
 *
 * @param orgId the organization whose log gets the entry
 * @param actorId the user or API key that acted (by {@code actorKind}); null when nobody is known
 * @param actorKind who acted
 * @param action what happened, {@code <object>.<verb>} (e.g. {@code risk.updated}, {@code login.failed})
 * @param objectType the kind of object acted on, or null
 * @param objectId the object's id, or null
 * @param clientAddress the client's address as Liberty sees it (behind trusted proxies: the client's), or null
 * @param data details as a JSON object text
 */
public record AuditEvent(
        long orgId,
        Long actorId,
        ActorKind actorKind,
        String action,
        String objectType,
        String objectId,
        String clientAddress,
        String data) {

    public enum ActorKind {
        USER,
        API_KEY,
        SYSTEM
    }

    public AuditEvent {
        Objects.requireNonNull(actorKind, "actorKind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(data, "data");
    }
}
