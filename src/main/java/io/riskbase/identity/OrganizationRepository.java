package io.riskbase.identity;

import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

@DbTimed
@ApplicationScoped
public class OrganizationRepository {

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    public void add(Organization organization) {
        em.persist(organization);
        em.flush();
    }

    public Optional<Organization> find(long id) {
        return Optional.ofNullable(em.find(Organization.class, id));
    }

    /**
     * Locks the organization's row until the transaction ends (SELECT ... FOR UPDATE), so that changes which could take
     * away its last active ADMIN run one after the other and each counts the admins the one before it left.
     */
    public void lockForAdminChange(long orgId) {
        em.createQuery("select o.id from Organization o where o.id = :org", Long.class)
                .setParameter("org", orgId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    public boolean slugTaken(String slug) {
        return !em.createQuery("select o.id from Organization o where o.slug = :slug", Long.class)
                .setParameter("slug", slug)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }
}
