package io.riskbase.audit;

import io.riskbase.audit.AuditViews.AuditEntryView;
import io.riskbase.platform.security.AuditBatch;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Appends every {@link AuditEvent} to its organization's chain, in the transaction that fired it (a change and its
 * entry commit or roll back together); an event fired outside a transaction gets its own. Announces the appended
 * entries ({@link AuditRecorded}).
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
        AuditEntry entry = chained(head, event, now());
        log.add(entry);
        recorded.fire(new AuditRecorded(
                event.orgId(), List.of(new AuditRecorded.Entry(entry.getSeq(), () -> render(entry, entry.getId())))));
    }

    /** A batch: one lock of the chain, the entries chained in order and written in one round trip. */
    @Transactional(Transactional.TxType.MANDATORY)
    void recordAll(@Observes AuditBatch batch) {
        if (batch.entries().isEmpty()) {
            return;
        }
        AuditChainHead head = log.lockHead(batch.orgId());
        OffsetDateTime at = now();
        List<AuditEntry> entries = new ArrayList<>(batch.entries().size());
        for (AuditEvent event : batch.entries()) {
            entries.add(chained(head, event, at));
        }
        log.addAll(entries);
        // written by JDBC, so without their ids: asked for only when an entry is forwarded
        recorded.fire(new AuditRecorded(
                batch.orgId(),
                entries.stream()
                        .map(entry -> new AuditRecorded.Entry(
                                entry.getSeq(), () -> render(entry, log.idOf(batch.orgId(), entry.getSeq()))))
                        .toList()));
    }

    private static OffsetDateTime now() {
        // microseconds: what PostgreSQL keeps, so the hash recomputed from the stored row is the hash written
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** The event as the next entry of the chain; the head advances past it. */
    static AuditEntry chained(AuditChainHead head, AuditEvent event, OffsetDateTime at) {
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
        head.advance(content.seq(), hash);
        return entry;
    }

    /** The entry as {@code GET /audit-log} shows it. */
    private static JsonObject render(AuditEntry entry, long id) {
        AuditEntryView view = new AuditEntryView(
                id,
                entry.getSeq(),
                entry.getAt(),
                entry.getActorId(),
                entry.getActorKind(),
                entry.getAction(),
                entry.getObjectType(),
                entry.getObjectId(),
                entry.getClientAddress(),
                Json.createReader(new StringReader(entry.getData())).readObject(),
                entry.getPrevHash(),
                entry.getHash());
        return Json.createReader(new StringReader(JSONB.toJson(view))).readObject();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
