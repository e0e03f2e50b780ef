package io.riskbase.dashboard;

import io.riskbase.platform.timing.DbTimed;
import io.riskbase.platform.persistence.SqlQuery;
import io.riskbase.risk.Risk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Runs the dashboard's aggregate statements. */
@DbTimed
@ApplicationScoped
public class DashboardRepository {

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    @SuppressWarnings("unchecked")
    public List<Object[]> rows(SqlQuery query) {
        return query.bind(em.createNativeQuery(query.sql())).getResultList();
    }

    public Object[] row(SqlQuery query) {
        Object result = query.bind(em.createNativeQuery(query.sql())).getSingleResult();
        return result instanceof Object[] row ? row : new Object[] {result};
    }

    @SuppressWarnings("unchecked")
    public List<Risk> risks(SqlQuery query) {
        return query.bind(em.createNativeQuery(query.sql(), Risk.class)).getResultList();
    }
}
