package io.riskbase.risk;

import io.riskbase.platform.events.ChangeEvents;
import io.riskbase.platform.persistence.Dialect;
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

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

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

    public void add(Risk risk) {
        em.persist(risk);
        em.flush();
    }

    public void remove(Risk risk) {
        em.remove(risk);
    }

    public void flush() {
        em.flush();
    }

    /**
     * Every risk write (create, update, delete, review) passes here, so this is where it reaches the organization audit
     * log and the event outbox, in the same transaction.
     */
    public void addHistory(RiskHistory entry) {
        em.persist(entry);
        JsonObject changes = JsonValue.EMPTY_JSON_OBJECT;
        if (entry.getChanges() != null) {
            try (JsonReader reader = Json.createReader(new StringReader(entry.getChanges()))) {
                changes = reader.readObject();
            }
        }
        String action = "risk." + entry.getAction().name().toLowerCase(Locale.ROOT);
        audit.record(entry.getOrgId(), action, "risk", entry.getRiskId(), changes);
        changeEvents.publish(entry.getOrgId(), action, "risk", entry.getRiskId(), Map.of("changes", changes));
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
