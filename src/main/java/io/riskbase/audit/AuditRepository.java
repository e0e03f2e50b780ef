package io.riskbase.audit;

import io.riskbase.audit.AuditViews.AuditEntryView;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.persistence.JdbcBatch;
import io.riskbase.platform.persistence.TableExport;
import io.riskbase.platform.timing.DbTimed;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The audit log of one organization at a time. Appends go through JPA in the caller's transaction, behind a lock on the
 * organization's chain head; reads stream rows over plain JDBC with a bounded fetch size, so verifying or exporting a
 * million entries holds one batch of rows in memory, not the log.
 */
@DbTimed
@ApplicationScoped
public class AuditRepository {

    private static final int FETCH_SIZE = 500;
    private static final String COLUMNS = "id, org_id, seq, at, actor_id, actor_kind, action, object_type, object_id,"
            + " client_address, data, prev_hash, hash";

    /** One stored entry, as read back. */
    public record Row(
            long id,
            long orgId,
            long seq,
            OffsetDateTime at,
            Long actorId,
            String actorKind,
            String action,
            String objectType,
            String objectId,
            String clientAddress,
            String data,
            String prevHash,
            String hash) {

        AuditChain.Content content() {
            return new AuditChain.Content(
                    orgId,
                    seq,
                    AuditEntry.micros(at),
                    actorId,
                    actorKind,
                    action,
                    objectType,
                    objectId,
                    clientAddress,
                    data);
        }

        AuditEntryView view() {
            JsonObject json;
            try (JsonReader reader = Json.createReader(new StringReader(data))) {
                json = reader.readObject();
            } catch (RuntimeException e) {
                // a row edited behind our back may hold anything: show it, /verify says it is broken
                json = Json.createObjectBuilder().add("unreadable", data).build();
            }
            return new AuditEntryView(
                    id, seq, at, actorId, actorKind, action, objectType, objectId, clientAddress, json, prevHash, hash);
        }
    }

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    @Resource(lookup = "jdbc/riskbase")
    DataSource dataSource;

    /**
     * The organization's chain head, locked until the transaction ends: of two writers of one organization the second
     * waits here and then builds on the first's entry, on whichever node it runs. Created on first use.
     *
     * <p>The change being recorded is flushed first, so whatever row locks it needs are waited for before the chain is
     * locked: otherwise one write stuck on a row lock would hold every other audited write of the organization behind
     * the chain for its whole statement timeout, and each of them would then wait its own timeout again.
     */
    public AuditChainHead lockHead(long orgId) {
        em.flush();
        AuditChainHead head = em.find(AuditChainHead.class, orgId, LockModeType.PESSIMISTIC_WRITE);
        if (head != null) {
            return head;
        }
        // two first writers may both get here: one insert wins, the other does nothing, both then lock the one row
        em.createNativeQuery("insert into audit_chain (org_id, seq, hash) values (?1, 0, ?2) on conflict do nothing")
                .setParameter(1, orgId)
                .setParameter(2, AuditChain.GENESIS)
                .executeUpdate();
        return em.find(AuditChainHead.class, orgId, LockModeType.PESSIMISTIC_WRITE);
    }

    public void add(AuditEntry entry) {
        em.persist(entry);
    }

    /** Entries of one batch, in one round trip (nothing in the batch's transaction reads them back as entities). */
    public void addAll(List<AuditEntry> entries) {
        JdbcBatch.insert(
                em,
                "insert into audit_log (org_id, seq, at, actor_id, actor_kind, action, object_type, object_id,"
                        + " client_address, data, prev_hash, hash)",
                12,
                entries,
                (s, at, e) -> {
                    s.setLong(at + 1, e.getOrgId());
                    s.setLong(at + 2, e.getSeq());
                    s.setObject(at + 3, e.getAt());
                    s.setObject(at + 4, e.getActorId(), java.sql.Types.BIGINT);
                    s.setString(at + 5, e.getActorKind());
                    s.setString(at + 6, e.getAction());
                    s.setString(at + 7, e.getObjectType());
                    s.setString(at + 8, e.getObjectId());
                    s.setString(at + 9, e.getClientAddress());
                    s.setString(at + 10, e.getData());
                    s.setString(at + 11, e.getPrevHash());
                    s.setString(at + 12, e.getHash());
                });
    }

    /** The id of the organization's entry {@code seq}, written in this transaction or before. */
    public long idOf(long orgId, long seq) {
        return ((Number) em.createNativeQuery("select id from audit_log where org_id = ?1 and seq = ?2")
                        .setParameter(1, orgId)
                        .setParameter(2, seq)
                        .getSingleResult())
                .longValue();
    }

    /** The head without a lock: where a verification stops. */
    public Head head(long orgId) {
        AuditChainHead head = em.find(AuditChainHead.class, orgId);
        return head == null ? new Head(0, AuditChain.GENESIS) : new Head(head.getSeq(), head.getHash());
    }

    public record Head(long seq, String hash) {}

    /** The export's columns in output order: an entry as the list shows it ({@code data} an object in NDJSON). */
    private static final List<TableExport.Column> EXPORT = List.of(
            TableExport.Column.number("id"),
            TableExport.Column.number("seq"),
            TableExport.Column.text("at"),
            TableExport.Column.number("actor_id"),
            TableExport.Column.text("actor_kind"),
            TableExport.Column.text("action"),
            TableExport.Column.text("object_type"),
            TableExport.Column.text("object_id"),
            TableExport.Column.text("client_address"),
            TableExport.Column.json("data"),
            TableExport.Column.text("prev_hash"),
            TableExport.Column.text("hash"));

    /**
     * Every matching entry of the organization in sequence order, streamed from a cursor into {@code out}. Outside a
     * JTA transaction, as {@link #stream}.
     */
    public void export(long orgId, AuditFilter filter, TableExport.Format format, java.io.OutputStream out)
            throws java.io.IOException {
        List<Object> params = new ArrayList<>();
        String sql = "select id, seq, at, actor_id, actor_kind, action, object_type, object_id, client_address, data,"
                + " prev_hash, hash from audit_log where " + filter.where(orgId, -1, params) + " order by seq";
        TableExport.write(dataSource, sql, params, EXPORT, format, out);
    }

    /** One page of entries in sequence order. */
    public List<Row> list(long orgId, AuditFilter filter, int limit) {
        List<Row> rows = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        String sql = "select " + COLUMNS + " from audit_log where " + filter.where(orgId, -1, params)
                + " order by seq limit " + limit;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return rows;
    }

    /**
     * Feeds every matching entry up to {@code upToSeq} (all when negative) to {@code sink} in sequence order, from a
     * database cursor. Must run outside a JTA transaction: it holds its connection in a local, read-only transaction
     * (which is what makes PostgreSQL stream) for as long as the sink takes, which no transaction timeout should cut.
     */
    public void stream(long orgId, AuditFilter filter, long upToSeq, Consumer<Row> sink) {
        List<Object> params = new ArrayList<>();
        String sql =
                "select " + COLUMNS + " from audit_log where " + filter.where(orgId, upToSeq, params) + " order by seq";
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setFetchSize(FETCH_SIZE);
                // not the data source's statement timeout (DB_STATEMENT_TIMEOUT_S, meant for request queries): a
                // million-row export legitimately runs for minutes; it ends when the rows or the client do
                s.setQueryTimeout(0);
                bind(s, params);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(row(rs));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static void bind(PreparedStatement s, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof OffsetDateTime t) {
                s.setObject(i + 1, t.withOffsetSameInstant(ZoneOffset.UTC));
            } else {
                s.setObject(i + 1, p);
            }
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        long actor = rs.getLong("actor_id");
        Long actorId = rs.wasNull() ? null : actor;
        return new Row(
                rs.getLong("id"),
                rs.getLong("org_id"),
                rs.getLong("seq"),
                rs.getObject("at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                actorId,
                rs.getString("actor_kind"),
                rs.getString("action"),
                rs.getString("object_type"),
                rs.getString("object_id"),
                rs.getString("client_address"),
                rs.getString("data"),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    private static ApiException unavailable(SQLException e) {
        java.util.logging.Logger.getLogger(AuditRepository.class.getName())
                .log(java.util.logging.Level.WARNING, "audit log query failed", e);
        return ApiException.unavailable("The audit log cannot be read right now", 5);
    }
}
