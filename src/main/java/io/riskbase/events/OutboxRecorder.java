package io.riskbase.events;

import io.riskbase.platform.events.ChangeEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Writes every {@link ChangeEvent} to the outbox in the transaction that fired it (the change and its event commit or
 * roll back together). The number comes from the organization's head row, locked until commit: the next writer of the
 * organization, on any node, waits for this one to commit and then numbers after it, so numbers follow commit order and
 * have no gaps. Writers of one organization already queue on the audit chain's head the same way, so this costs no
 * concurrency that was not already spent.
 */
@ApplicationScoped
public class OutboxRecorder {

    @Inject
    EventRepository events;

    @Transactional(Transactional.TxType.MANDATORY)
    void record(@Observes ChangeEvent event) {
        EventHead head = events.lockHead(event.orgId());
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        events.add(new OutboxEvent(
                event.orgId(),
                head.next(),
                event.type(),
                event.objectType(),
                truncate(event.objectId(), 64),
                at,
                event.data()));
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
