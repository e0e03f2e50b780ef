package io.riskbase.risk;

import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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
