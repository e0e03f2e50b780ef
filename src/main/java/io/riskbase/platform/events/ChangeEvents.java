package io.riskbase.platform.events;

import io.riskbase.platform.json.JsonDetails;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Map;

/**
 * Announces committed changes (the outbox's only entrance). Call it inside the writing transaction, once per change and
 * after the change's audit entry: the outbox locks its organization's sequence row until commit, and taking that lock
 * last (after the audit chain's, after the changed rows') is what keeps two writers from waiting on each other.
 */
@ApplicationScoped
public class ChangeEvents {

    @Inject
    Event<ChangeEvent> events;

    @Inject
    Event<ChangeBatch> batches;

    /** Several changes at once (an import's batch): numbered consecutively in list order, after its audit batch. */
    public void publishAll(long orgId, java.util.List<ChangeEvent> changes) {
        if (!changes.isEmpty()) {
            batches.fire(new ChangeBatch(orgId, changes));
        }
    }

    public void publish(long orgId, String type, String objectType, Object objectId, JsonObject data) {
        events.fire(new ChangeEvent(orgId, type, objectType, String.valueOf(objectId), data.toString()));
    }

    public void publish(long orgId, String type, String objectType, Object objectId, Map<String, ?> data) {
        publish(orgId, type, objectType, objectId, JsonDetails.of(data));
    }
}
