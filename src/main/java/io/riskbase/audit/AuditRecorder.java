package io.riskbase.audit;

import io.riskbase.audit.AuditViews.AuditEntryView;
import io.riskbase.platform.security.AuditEvent;
import io.riskbase.platform.security.AuditRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Appends every {@link AuditEvent} to its organization's chain, in the transaction that fired it (a change and its
 * entry commit or roll back together); an event fired outside a transaction gets its own.
 */
@ApplicationScoped
public class AuditRecorder {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    AuditRepository log;

    @Inject
    Event<AuditRecorded> recorded;

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
        AuditEntry entry = new AuditEntry(content, at, head.getHash(), hash);
        log.add(entry);
        head.advance(content.seq(), hash);
        recorded.fire(new AuditRecorded(event.orgId(), content.seq(), () -> render(entry, event.data())));
    }

    /** The entry as {@code GET /audit-log} shows it. */
    private static JsonObject render(AuditEntry entry, String data) {
        AuditEntryView view = new AuditEntryView(
                entry.getId(),
                entry.getSeq(),
                entry.getAt(),
                entry.getActorId(),
                entry.getActorKind(),
                entry.getAction(),
                entry.getObjectType(),
                entry.getObjectId(),
                entry.getClientAddress(),
                Json.createReader(new StringReader(data)).readObject(),
                entry.getPrevHash(),
                entry.getHash());
        return Json.createReader(new StringReader(JSONB.toJson(view))).readObject();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
