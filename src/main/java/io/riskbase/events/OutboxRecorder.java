package io.riskbase.events;

import io.riskbase.platform.events.ChangeBatch;
import io.riskbase.platform.events.ChangeEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

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

    /** A batch: one lock of the head, consecutive numbers in list order, one round trip for all the rows. */
    @Transactional(Transactional.TxType.MANDATORY)
    void recordAll(@Observes ChangeBatch batch) {
        if (batch.events().isEmpty()) {
            return;
        }
        EventHead head = events.lockHead(batch.orgId());
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<OutboxEvent> rows = new ArrayList<>(batch.events().size());
        for (ChangeEvent event : batch.events()) {
            rows.add(new OutboxEvent(
                    batch.orgId(),
                    head.next(),
                    event.type(),
                    event.objectType(),
                    truncate(event.objectId(), 64),
                    at,
                    event.data()));
        }
        events.addAll(rows);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
