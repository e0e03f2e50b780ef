package io.riskbase.it.arquillian;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** How many entities the persistence context of the caller's unit of work holds (outside a transaction: Liberty's). */
@ApplicationScoped
public class PersistenceContextProbe {

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    public int managedEntities() {
        return em.unwrap(org.hibernate.Session.class).getStatistics().getEntityCount();
    }
}
