package io.riskbase.risk;

import io.riskbase.identity.Organization;
import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Stored methodology versions, always of one organization. */
@DbTimed
@ApplicationScoped
public class MethodologyRepository {

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    /** The newest stored version; empty while the organization uses the built-in default. */
    public Optional<MethodologyVersion> current(long orgId) {
        return em
                .createQuery(
                        "select m from MethodologyVersion m where m.orgId = :org order by m.version desc",
                        MethodologyVersion.class)
                .setParameter("org", orgId)
                .setMaxResults(1)
                .getResultList()
                .stream()
                .findFirst();
    }

    /** The newest version number, 1 while the organization uses the built-in default. */
    public int currentVersion(long orgId) {
        Integer newest = em.createQuery(
                        "select max(m.version) from MethodologyVersion m where m.orgId = :org", Integer.class)
                .setParameter("org", orgId)
                .getSingleResult();
        return newest == null ? MethodologyView.DEFAULT.version() : newest;
    }

    /**
     * Locks the organization's row until the transaction ends: shared for risk writes (they run side by side),
     * exclusive for a methodology change. A change therefore waits for the risk writes in flight and the writes that
     * follow it see the new version, so none stores a value a shorter scale has just removed.
     */
    public void lock(long orgId, boolean exclusive) {
        em.find(Organization.class, orgId, exclusive ? LockModeType.PESSIMISTIC_WRITE : LockModeType.PESSIMISTIC_READ);
    }

    public Optional<MethodologyVersion> find(long orgId, int version) {
        return em
                .createQuery(
                        "select m from MethodologyVersion m where m.orgId = :org and m.version = :version",
                        MethodologyVersion.class)
                .setParameter("org", orgId)
                .setParameter("version", version)
                .getResultList()
                .stream()
                .findFirst();
    }

    /** Flushed at once, so a concurrent change of the same version fails here (unique org_id, version). */
    public void add(MethodologyVersion version) {
        em.persist(version);
        em.flush();
    }
}
