package io.riskbase.platform.events;

import java.util.List;

/**
 * Several changes of one organization announced at once, fired synchronously inside their transaction (an import's
 * batch): the outbox's head is locked once and the events are numbered consecutively in list order.
 *
 * @param orgId the organization the changes belong to
 * @param events in commit order; each of this organization
 */
public record ChangeBatch(long orgId, List<ChangeEvent> events) {

    public ChangeBatch {
        events = List.copyOf(events);
    }
}
