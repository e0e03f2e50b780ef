package io.riskbase.risk;

import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Queries on acceptance requests: inside one organization and risk, except {@link #expiredBefore} (the expiry job's
 * scan across organizations, which then acts per organization).
 */
@DbTimed
@ApplicationScoped
public class AcceptanceRepository {

    /** One expired approval, as the job finds it. */
    public record Due(long id, long orgId, long riskId) {}

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    public Optional<RiskAcceptance> find(long orgId, long riskId, long id) {
        return byId(orgId, riskId, id).getResultList().stream().findFirst();
    }

    public Optional<RiskAcceptance> findForUpdate(long orgId, long riskId, long id) {
        return byId(orgId, riskId, id).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream()
                .findFirst();
    }

    private TypedQuery<RiskAcceptance> byId(long orgId, long riskId, long id) {
        return em.createQuery(
                        "select a from RiskAcceptance a where a.id = :id and a.orgId = :org and a.riskId = :risk",
                        RiskAcceptance.class)
                .setParameter("id", id)
                .setParameter("org", orgId)
                .setParameter("risk", riskId);
    }

    /** The requests of one risk, newest first. */
    public List<RiskAcceptance> ofRisk(long orgId, long riskId, int offset, int limit) {
        return em.createQuery(
                        "select a from RiskAcceptance a where a.orgId = :org and a.riskId = :risk order by a.id desc",
                        RiskAcceptance.class)
                .setParameter("org", orgId)
                .setParameter("risk", riskId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long countOfRisk(long orgId, long riskId) {
        return em.createQuery(
                        "select count(a) from RiskAcceptance a where a.orgId = :org and a.riskId = :risk", Long.class)
                .setParameter("org", orgId)
                .setParameter("risk", riskId)
                .getSingleResult();
    }

    public void add(RiskAcceptance acceptance) {
        em.persist(acceptance);
    }

    /** Approvals whose expiry has passed, oldest expiry first, in every organization. */
    public List<Due> expiredBefore(OffsetDateTime now, int limit) {
        return em.createQuery(
                        "select new io.riskbase.risk.AcceptanceRepository$Due(a.id, a.orgId, a.riskId) "
                                + "from RiskAcceptance a where a.state = :approved and a.expiresAt < :now "
                                + "order by a.expiresAt, a.id",
                        Due.class)
                .setParameter("approved", AcceptanceState.APPROVED)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Claims one expired approval: 1 when this transaction moved it to EXPIRED, 0 when it was no longer due (another
     * node claimed it first, or a write ended it). Concurrent claims of one row serialize on its row lock and the loser
     * re-reads the state, so exactly one wins.
     */
    public int claimExpired(long orgId, long id, OffsetDateTime now) {
        return em.createQuery("update RiskAcceptance a set a.state = :expired, a.endedAt = :now "
                        + "where a.id = :id and a.orgId = :org and a.state = :approved and a.expiresAt < :now")
                .setParameter("expired", AcceptanceState.EXPIRED)
                .setParameter("approved", AcceptanceState.APPROVED)
                .setParameter("now", now)
                .setParameter("id", id)
                .setParameter("org", orgId)
                .executeUpdate();
    }

    public void flush() {
        em.flush();
    }
}
