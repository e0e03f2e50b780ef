package io.riskbase.identity;

import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

@DbTimed
@ApplicationScoped
public class SsoConfigRepository {

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    public Optional<SsoConfig> find(long orgId) {
        return Optional.ofNullable(em.find(SsoConfig.class, orgId));
    }

    /** The configuration of the organization with this slug: the public login URL names the organization so. */
    public Optional<SsoConfig> findBySlug(String slug) {
        return em.createQuery(
                        "select c from SsoConfig c, Organization o where o.id = c.orgId and o.slug = :slug",
                        SsoConfig.class)
                .setParameter("slug", slug)
                .getResultStream()
                .findFirst();
    }

    /** Whether another organization already signs in through this issuer. */
    public boolean issuerTakenByOther(long orgId, String issuer) {
        return !em.createQuery(
                        "select c.orgId from SsoConfig c where c.issuer = :issuer and c.orgId <> :org", Long.class)
                .setParameter("issuer", issuer)
                .setParameter("org", orgId)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    public void add(SsoConfig config) {
        em.persist(config);
    }

    public void remove(SsoConfig config) {
        em.remove(config);
    }
}
