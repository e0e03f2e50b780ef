package io.riskbase.events;

import io.riskbase.events.EventViews.EventView;
import io.riskbase.events.EventViews.ObjectRef;
import io.riskbase.platform.persistence.JdbcBatch;
import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The outbox of one organization at a time: appends behind the lock on its head, reads by sequence number. */
@DbTimed
@ApplicationScoped
public class EventRepository {

    private static final JsonProvider JSON = JsonProvider.provider();
    static final String COLUMNS = "e.id, e.seq, e.type, e.object_type, e.object_id, e.occurred_at, e.data";

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    /** The organization's head, locked until the transaction ends; created on first use. */
    public EventHead lockHead(long orgId) {
        EventHead head = em.find(EventHead.class, orgId, LockModeType.PESSIMISTIC_WRITE);
        if (head != null) {
            return head;
        }
        // two first writers may both get here: one insert wins, the other does nothing, both then lock the one row
        em.createNativeQuery("insert into event_heads (org_id, seq) values (?1, 0) on conflict do nothing")
                .setParameter(1, orgId)
                .executeUpdate();
        return em.find(EventHead.class, orgId, LockModeType.PESSIMISTIC_WRITE);
    }

    public void add(OutboxEvent event) {
        em.persist(event);
    }

    /** Events of one batch, in one round trip (nothing in the batch's transaction reads them back as entities). */
    public void addAll(List<OutboxEvent> rows) {
        JdbcBatch.insert(
                em,
                "insert into events (org_id, seq, type, object_type, object_id, occurred_at, data)",
                7,
                rows,
                (s, at, e) -> {
                    s.setLong(at + 1, e.orgId());
                    s.setLong(at + 2, e.seq());
                    s.setString(at + 3, e.type());
                    s.setString(at + 4, e.objectType());
                    s.setString(at + 5, e.objectId());
                    s.setObject(at + 6, e.occurredAt());
                    s.setString(at + 7, e.data());
                });
    }

    /** The organization's newest event number (0 before the first), without a lock. */
    public long headSeq(long orgId) {
        Object seq = em.createNativeQuery("select seq from event_heads where org_id = ?1")
                .setParameter(1, orgId)
                .getResultStream()
                .findFirst()
                .orElse(0L);
        return ((Number) seq).longValue();
    }

    /** Up to {@code limit} events after {@code after}, in sequence (= commit) order. */
    public List<EventView> after(long orgId, long after, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS
                        + " from events e where e.org_id = ?1 and e.seq > ?2 order by e.seq limit " + limit)
                .setParameter(1, orgId)
                .setParameter(2, after)
                .getResultList();
        return rows.stream().map(EventRepository::view).toList();
    }

    public Optional<EventView> byId(long orgId, long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select " + COLUMNS + " from events e where e.org_id = ?1 and e.id = ?2")
                .setParameter(1, orgId)
                .setParameter(2, id)
                .getResultList();
        return rows.stream().map(EventRepository::view).findFirst();
    }

    static EventView view(Object[] row) {
        JsonObject data;
        try (JsonReader reader = JSON.createReader(new StringReader((String) row[6]))) {
            data = reader.readObject();
        }
        return new EventView(
                "evt_" + ((Number) row[0]).longValue(),
                ((Number) row[1]).longValue(),
                (String) row[2],
                new ObjectRef((String) row[3], (String) row[4]),
                time(row[5]),
                data);
    }

    static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected time " + value.getClass());
    }
}
