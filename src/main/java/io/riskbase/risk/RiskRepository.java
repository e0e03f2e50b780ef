package io.riskbase.risk;

import io.riskbase.platform.timing.DbTimed;
import io.riskbase.platform.persistence.SqlQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Queries on risks and their history, always inside one organization. */
@DbTimed
@ApplicationScoped
public class RiskRepository {

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    public Optional<Risk> find(long orgId, long id) {
        Risk risk = em.find(Risk.class, id);
        return risk != null && risk.getOrgId() == orgId ? Optional.of(risk) : Optional.empty();
    }

    /** For a write: the row is locked until the transaction ends, so version checks and history stay in order. */
    public Optional<Risk> findForUpdate(long orgId, long id) {
        Risk risk = em.find(Risk.class, id, LockModeType.PESSIMISTIC_WRITE);
        return risk != null && risk.getOrgId() == orgId ? Optional.of(risk) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    public List<Risk> list(SqlQuery query) {
        return query.bind(em.createNativeQuery(query.sql(), Risk.class)).getResultList();
    }

    public long count(SqlQuery query) {
        return ((Number) query.bind(em.createNativeQuery(query.sql())).getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> rows(SqlQuery query) {
        return query.bind(em.createNativeQuery(query.sql())).getResultList();
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

    public void addHistory(RiskHistory entry) {
        em.persist(entry);
    }

    /** Newest first. */
    public List<RiskHistory> history(long orgId, long riskId, int offset, int limit) {
        return em.createQuery("select h from RiskHistory h where h.orgId = :org and h.riskId = :risk order by h.id desc", RiskHistory.class)
                .setParameter("org", orgId).setParameter("risk", riskId)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long historyCount(long orgId, long riskId) {
        return em.createQuery("select count(h) from RiskHistory h where h.orgId = :org and h.riskId = :risk", Long.class)
                .setParameter("org", orgId).setParameter("risk", riskId).getSingleResult();
    }
}
