package io.riskbase.platform.events;

import java.util.Objects;

/**
 * A committed change to announce in the organization's change feed and to its webhooks, fired synchronously inside the
 * transaction of the change: it is stored if and only if the change commits.
 *
 * @param orgId the organization the change belongs to
 * @param type {@code <object>.<verb>}, e.g. {@code risk.updated}; see docs/integrations.md for the catalogue
 * @param objectType the kind of object changed ({@code risk}, {@code task}, …)
 * @param objectId the object's id
 * @param data details as a JSON object text (for updates: the changed fields)
 */
public record ChangeEvent(long orgId, String type, String objectType, String objectId, String data) {

    public ChangeEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(data, "data");
    }
}
