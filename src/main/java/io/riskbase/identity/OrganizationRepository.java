package io.riskbase.identity;

import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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

    public boolean slugTaken(String slug) {
        return !em.createQuery("select o.id from Organization o where o.slug = :slug", Long.class)
                .setParameter("slug", slug)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }
}
