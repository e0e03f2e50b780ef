package io.riskbase.audit;

import io.riskbase.platform.security.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Appends every {@link AuditEvent} to its organization's chain, in the transaction that fired it (a change and its
 * entry commit or roll back together); an event fired outside a transaction gets its own.
 */
@ApplicationScoped
public class AuditRecorder {

    @Inject
    AuditRepository log;

    @Transactional
    void record(@Observes AuditEvent event) {
        AuditChainHead head = log.lockHead(event.orgId());
        // microseconds: what PostgreSQL keeps, so the hash recomputed from the stored row is the hash written
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        AuditChain.Content content = new AuditChain.Content(
                event.orgId(),
                head.getSeq() + 1,
                AuditEntry.micros(at),
                event.actorId(),
                event.actorKind().name(),
                event.action(),
                event.objectType(),
                event.objectId(),
                event.clientAddress() == null ? null : truncate(event.clientAddress(), 64),
                event.data());
        String hash = AuditChain.hash(head.getHash(), content);
        log.add(new AuditEntry(content, at, head.getHash(), hash));
        head.advance(content.seq(), hash);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
