package io.riskbase.risk;

import io.riskbase.platform.events.ChangeEvents;
import io.riskbase.platform.persistence.Dialect;
import io.riskbase.platform.persistence.JdbcBatch;
import io.riskbase.platform.persistence.SqlQuery;
import io.riskbase.platform.security.AuditTrail;
import io.riskbase.platform.timing.DbTimed;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Queries on risks and their history, always inside one organization: every statement, the locking read included,
 * filters on {@code org_id}, so another organization's row is never read or locked.
 */
@DbTimed
@ApplicationScoped
public class RiskRepository {

    /** The number of risks in one likelihood × impact cell (cells without risks have no row). */
    public record CellCount(int likelihood, int impact, long count) {}

    /** One exported risk: its content, its import key and its owner's e-mail. */
    public record ExportRow(long id, String externalId, RiskContent content, String ownerEmail) {}

    /** Rows a cursor fetches per round trip: enough to stream fast, few enough to keep the heap flat. */
    private static final int EXPORT_FETCH_SIZE = 1000;

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    @jakarta.annotation.Resource(lookup = "jdbc/riskbase")
    javax.sql.DataSource dataSource;

    @Inject
    Dialect dialect;

    @Inject
    AuditTrail audit;

    @Inject
    ChangeEvents changeEvents;

    public Optional<Risk> find(long orgId, long id) {
        return byId(orgId, id).getResultList().stream().findFirst();
    }

    /** For a write: the row is locked until the transaction ends, so version checks and history stay in order. */
    public Optional<Risk> findForUpdate(long orgId, long id) {
        return byId(orgId, id).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream()
                .findFirst();
    }

    private TypedQuery<Risk> byId(long orgId, long id) {
        return em.createQuery("select r from Risk r where r.id = :id and r.orgId = :org", Risk.class)
                .setParameter("id", id)
                .setParameter("org", orgId);
    }

    /**
     * One page of the organization's risks matching the filter, in the sort order, with the unpaged total; the count is
     * skipped when the page itself shows where the list ends.
     */
    public Page<Risk> list(long orgId, RiskFilter filter, RiskSort sort, PageRequest page) {
        List<Risk> items = risks(RiskSql.list(orgId, filter, sort, page.offset(), page.size(), dialect.isPostgres()));
        long total = items.size() < page.size() && (page.page() == 1 || !items.isEmpty())
                ? (long) page.offset() + items.size()
                : count(orgId, filter);
        return new Page<>(items, total, page.page(), page.size());
    }

    public long count(long orgId, RiskFilter filter) {
        SqlQuery query = RiskSql.count(orgId, filter, dialect.isPostgres());
        return ((Number) query.bind(em.createNativeQuery(query.sql())).getSingleResult()).longValue();
    }

    /** Risk counts per inherent (likelihood, impact) among the given statuses. */
    public List<CellCount> matrix(long orgId, List<RiskStatus> statuses) {
        return matrix(orgId, statuses, ScoreBasis.INHERENT);
    }

    /** Risk counts per (likelihood, impact) of the basis among the given statuses. */
    public List<CellCount> matrix(long orgId, List<RiskStatus> statuses, ScoreBasis basis) {
        SqlQuery query = RiskSql.matrix(orgId, statuses, basis);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.bind(em.createNativeQuery(query.sql())).getResultList();
        return rows.stream()
                .map(row -> new CellCount(
                        ((Number) row[0]).intValue(), ((Number) row[1]).intValue(), ((Number) row[2]).longValue()))
                .toList();
    }

    /** How many risks use each value above {@code max} of the dimension ("likelihood" or "impact"), by value. */
    public java.util.SortedMap<Integer, Long> valuesAbove(long orgId, String dimension, int max) {
        SqlQuery query = RiskSql.valuesAbove(orgId, dimension, max);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.bind(em.createNativeQuery(query.sql())).getResultList();
        java.util.SortedMap<Integer, Long> used = new java.util.TreeMap<>();
        rows.forEach(row -> used.put(((Number) row[0]).intValue(), ((Number) row[1]).longValue()));
        return used;
    }

    /** The risks that use a value above the maxima in any pair, locked for the write that rescales them. */
    public List<Risk> usingValuesAbove(long orgId, int maxLikelihood, int maxImpact) {
        SqlQuery query = RiskSql.idsAbove(orgId, maxLikelihood, maxImpact);
        @SuppressWarnings("unchecked")
        List<Number> ids = query.bind(em.createNativeQuery(query.sql())).getResultList();
        List<Risk> found = new java.util.ArrayList<>(ids.size());
        for (Number id : ids) {
            findForUpdate(orgId, id.longValue()).ifPresent(found::add);
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private List<Risk> risks(SqlQuery query) {
        return query.bind(em.createNativeQuery(query.sql(), Risk.class)).getResultList();
    }

    /**
     * The risks with these import keys, by key: a stored external id, or for a risk created through the API (no
     * external id) the key its export wrote, {@code riskbase:<org>:<id>}, which only matches in that organization. With
     * {@code lock}, the rows stay locked until the transaction ends (an import batch writes them).
     */
    public java.util.Map<String, Risk> byImportKeys(long orgId, java.util.Collection<String> keys, boolean lock) {
        java.util.Map<String, Risk> found = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        // native, one placeholder per key: a JPQL "in :keys" is interpreted anew for every list (Hibernate caches no
        // plan for a multi-valued parameter), a quarter of an import's CPU in a JFR profile
        StringBuilder sql = new StringBuilder("select ")
                .append(Risk.COLUMNS)
                .append(" from risks r where r.org_id = ?1 and r.external_id in (");
        int n = 2;
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?").append(n++);
        }
        sql.append(lock ? ") for update" : ")");
        jakarta.persistence.Query byExternal = em.createNativeQuery(sql.toString(), Risk.class);
        byExternal.setParameter(1, orgId);
        n = 2;
        for (String key : keys) {
            byExternal.setParameter(n++, key);
        }
        @SuppressWarnings("unchecked")
        List<Risk> stored = byExternal.getResultList();
        stored.forEach(r -> found.put(r.getExternalId(), r));
        String own = "riskbase:" + orgId + ":";
        java.util.Map<Long, String> ids = new java.util.HashMap<>();
        for (String key : keys) {
            if (!found.containsKey(key)
                    && key.startsWith(own)
                    && key.substring(own.length()).matches("[0-9]{1,18}")) {
                ids.put(Long.parseLong(key.substring(own.length())), key);
            }
        }
        if (!ids.isEmpty()) {
            TypedQuery<Risk> byId = em.createQuery(
                            "select r from Risk r where r.orgId = :org and r.id in :ids and r.externalId is null",
                            Risk.class)
                    .setParameter("org", orgId)
                    .setParameter("ids", ids.keySet());
            if (lock) {
                byId.setLockMode(LockModeType.PESSIMISTIC_WRITE);
            }
            byId.getResultList().forEach(r -> found.put(ids.get(r.getId()), r));
        }
        return found;
    }

    /** The import key an export writes for a risk: its external id, else one only its organization resolves. */
    static String importKey(long orgId, long id, String externalId) {
        return externalId != null ? externalId : "riskbase:" + orgId + ":" + id;
    }

    /**
     * Feeds every matching risk to {@code sink} in id order from a database cursor. Must run outside a JTA transaction:
     * it holds its connection in a local read-only transaction (what makes PostgreSQL stream rather than load the whole
     * result) for as long as the client reads, which no transaction timeout should cut.
     */
    public void export(long orgId, RiskFilter filter, java.util.function.Consumer<ExportRow> sink) {
        SqlQuery.Positional query =
                RiskSql.export(orgId, filter, dialect.isPostgres()).positional();
        try (java.sql.Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement s = c.prepareStatement(query.sql())) {
                s.setFetchSize(EXPORT_FETCH_SIZE);
                // a million-row export legitimately runs for minutes: it ends when the rows or the client do
                s.setQueryTimeout(0);
                for (int i = 0; i < query.values().size(); i++) {
                    Object v = query.values().get(i);
                    s.setObject(
                            i + 1,
                            v instanceof java.time.OffsetDateTime t
                                    ? t.withOffsetSameInstant(java.time.ZoneOffset.UTC)
                                    : v);
                }
                try (java.sql.ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(exportRow(orgId, rs));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (java.sql.SQLException e) {
            throw io.riskbase.platform.errors.ApiException.unavailable("Risks cannot be exported right now", 5);
        }
    }

    // by position in RiskSql.export's select list: by name, the driver looked each column up in a map per row (a tenth
    // of the export's CPU in a JFR profile)
    private static ExportRow exportRow(long orgId, java.sql.ResultSet rs) throws java.sql.SQLException {
        long id = rs.getLong(1);
        long owner = rs.getLong(15);
        Long ownerId = rs.wasNull() ? null : owner;
        int tl = rs.getInt(12);
        RiskContent.Pair target = rs.wasNull() ? null : new RiskContent.Pair(tl, rs.getInt(13));
        String tags = rs.getString(17);
        String strategy = rs.getString(14);
        java.time.LocalDate due = rs.getObject(18, java.time.LocalDate.class);
        RiskContent content = new RiskContent(
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                Severity.valueOf(rs.getString(6)),
                RiskStatus.valueOf(rs.getString(7)),
                rs.getInt(8),
                rs.getInt(9),
                ownerId,
                tags == null || tags.isEmpty() ? List.of() : List.of(tags.split(",")),
                due,
                new RiskContent.Pair(rs.getInt(10), rs.getInt(11)),
                target,
                strategy == null ? null : Strategy.valueOf(strategy));
        return new ExportRow(id, importKey(orgId, id, rs.getString(2)), content, rs.getString(16));
    }

    public void add(Risk risk) {
        em.persist(risk);
        em.flush();
    }

    /** Without the flush of {@link #add}: an import's batch flushes once, before its history. */
    public void persist(Risk risk) {
        em.persist(risk);
    }

    public void remove(Risk risk) {
        em.remove(risk);
    }

    public void flush() {
        em.flush();
    }

    /**
     * New risks of an import, in one JDBC batch: each gets its generated id. They are not managed by the persistence
     * context afterwards ({@link #managed} loads one that must change again in the same transaction).
     */
    public void insertAll(List<Risk> created) {
        long[] ids = JdbcBatch.insertReturningIds(
                em, Risk.INSERT, Risk.INSERT_COLUMNS, created, (s, at, r) -> r.bindInsert(s, at));
        for (int i = 0; i < ids.length; i++) {
            created.get(i).inserted(ids[i]);
        }
    }

    /**
     * Lets this transaction's commit return before PostgreSQL has flushed it to disk (an import batch's): the batch and
     * the job's progress commit or vanish together, so a database crash can only take the last batches back, which the
     * job's recorded progress then no longer counts and a re-run writes again. The job's final state commits in a
     * transaction of its own, which waits for the disk, and with it for every batch before it (WAL is flushed in
     * order). H2 has no such setting; it is left as it is.
     */
    public void commitWithoutWaitingForDisk() {
        if (dialect.isPostgres()) {
            em.unwrap(org.hibernate.Session.class).doWork(c -> {
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("set local synchronous_commit = off");
                }
            });
        }
    }

    /**
     * Refreshes PostgreSQL's statistics of the risks table after a bulk write. Until autovacuum gets to it (a minute or
     * more), the planner still believes an organization that just received 100k imported risks has none, and reads of
     * them by external id scan the organization instead of using its unique index: a re-import right after an import
     * ran at half its speed. ANALYZE reads a sample (30,000 rows), about a second on a million risks. H2: nothing.
     */
    public void refreshStatistics() {
        if (dialect.isPostgres()) {
            em.unwrap(org.hibernate.Session.class).doWork(c -> {
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute("analyze risks");
                }
            });
        }
    }

    /** The managed instance of a risk {@link #insertAll} wrote (or the risk itself when it is managed). */
    public Risk managed(Risk risk) {
        return em.contains(risk) ? risk : em.find(Risk.class, risk.getId());
    }

    /**
     * Every risk write (create, update, delete, review) passes here, so this is where it reaches the organization audit
     * log and the event outbox, in the same transaction.
     */
    public void addHistory(RiskHistory entry) {
        em.persist(entry);
        JsonObject changes = changes(entry);
        String action = action(entry);
        audit.record(entry.getOrgId(), action, "risk", entry.getRiskId(), changes);
        changeEvents.publish(entry.getOrgId(), action, "risk", entry.getRiskId(), Map.of("changes", changes));
    }

    /**
     * {@link #addHistory} for many entries of one organization at once (an import's batch): the history rows, their
     * audit entries and their events each go in one round trip, with the audit chain and the outbox locked once.
     */
    public void addHistories(long orgId, List<RiskHistory> entries) {
        if (entries.isEmpty()) {
            return;
        }
        JdbcBatch.insert(
                em,
                "insert into risk_history (org_id, risk_id, action, changed_by, changed_at, changes)",
                6,
                entries,
                (s, at, h) -> {
                    s.setLong(at + 1, h.getOrgId());
                    s.setLong(at + 2, h.getRiskId());
                    s.setString(at + 3, h.getAction().name());
                    s.setObject(at + 4, h.getChangedBy(), java.sql.Types.BIGINT);
                    s.setObject(at + 5, h.getChangedAt());
                    s.setString(at + 6, h.getChanges());
                });
        List<AuditTrail.Item> items = new java.util.ArrayList<>(entries.size());
        List<io.riskbase.platform.events.ChangeEvent> events = new java.util.ArrayList<>(entries.size());
        for (RiskHistory entry : entries) {
            // the stored text is already the JSON object as addHistory would write it: used as it is, not parsed
            // again and written out twice more per row
            String changes = entry.getChanges() == null ? "{}" : entry.getChanges();
            String action = action(entry);
            items.add(new AuditTrail.Item(action, "risk", entry.getRiskId(), changes));
            events.add(new io.riskbase.platform.events.ChangeEvent(
                    orgId, action, "risk", String.valueOf(entry.getRiskId()), "{\"changes\":" + changes + "}"));
        }
        audit.recordAll(orgId, items);
        changeEvents.publishAll(orgId, events);
    }

    private static JsonObject changes(RiskHistory entry) {
        if (entry.getChanges() == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(entry.getChanges()))) {
            return reader.readObject();
        }
    }

    private static String action(RiskHistory entry) {
        return "risk." + entry.getAction().name().toLowerCase(Locale.ROOT);
    }

    public void addReview(RiskReview review) {
        em.persist(review);
    }

    /** The reviews of a risk, newest first. */
    public List<RiskReview> reviews(long orgId, long riskId, int offset, int limit) {
        return em.createQuery(
                        "select v from RiskReview v where v.orgId = :org and v.riskId = :risk order by v.id desc",
                        RiskReview.class)
                .setParameter("org", orgId)
                .setParameter("risk", riskId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long reviewCount(long orgId, long riskId) {
        return em.createQuery("select count(v) from RiskReview v where v.orgId = :org and v.riskId = :risk", Long.class)
                .setParameter("org", orgId)
                .setParameter("risk", riskId)
                .getSingleResult();
    }

    /** Newest first. */
    public List<RiskHistory> history(long orgId, long riskId, int offset, int limit) {
        return em.createQuery(
                        "select h from RiskHistory h where h.orgId = :org and h.riskId = :risk order by h.id desc",
                        RiskHistory.class)
                .setParameter("org", orgId)
                .setParameter("risk", riskId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long historyCount(long orgId, long riskId) {
        return em.createQuery(
                        "select count(h) from RiskHistory h where h.orgId = :org and h.riskId = :risk", Long.class)
                .setParameter("org", orgId)
                .setParameter("risk", riskId)
                .getSingleResult();
    }
}
