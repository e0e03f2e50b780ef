package io.riskbase.marketplace;

import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

/** The catalogue (global) and installations (always within one organization). */
@DbTimed
@ApplicationScoped
public class MarketplaceRepository {

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    public List<Connector> connectors(String category, Connector.Status status, int offset, int limit) {
        return filtered("select c from Connector c", category, status, " order by c.name, c.id", Connector.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long countConnectors(String category, Connector.Status status) {
        return filtered("select count(c) from Connector c", category, status, "", Long.class)
                .getSingleResult();
    }

    private <T> TypedQuery<T> filtered(
            String select, String category, Connector.Status status, String order, Class<T> type) {
        StringBuilder jpql = new StringBuilder(select).append(" where 1 = 1");
        if (category != null) {
            jpql.append(" and c.category = :category");
        }
        if (status != null) {
            jpql.append(" and c.status = :status");
        }
        TypedQuery<T> query = em.createQuery(jpql.append(order).toString(), type);
        if (category != null) {
            query.setParameter("category", category);
        }
        if (status != null) {
            query.setParameter("status", status.name());
        }
        return query;
    }

    public List<String> categories() {
        return em.createQuery("select distinct c.category from Connector c order by c.category", String.class)
                .getResultList();
    }

    public Optional<Connector> connector(long id) {
        return Optional.ofNullable(em.find(Connector.class, id));
    }

    public List<App> apps(long connectorId) {
        return em.createQuery("select a from App a where a.connectorId = :c order by a.id", App.class)
                .setParameter("c", connectorId)
                .getResultList();
    }

    public Optional<App> app(long id) {
        return Optional.ofNullable(em.find(App.class, id));
    }

    public Optional<Installation> installation(long orgId, long connectorId) {
        return Optional.ofNullable(em.find(Installation.class, new Installation.Key(orgId, connectorId)));
    }

    public List<Installation> installations(long orgId) {
        return em.createQuery(
                        "select i from Installation i where i.orgId = :org order by i.installedAt, i.connectorId",
                        Installation.class)
                .setParameter("org", orgId)
                .getResultList();
    }

    public void add(Installation installation) {
        em.persist(installation);
        em.flush();
    }

    public void remove(Installation installation) {
        em.remove(installation);
    }
}
