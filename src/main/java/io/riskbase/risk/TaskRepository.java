package io.riskbase.risk;

import io.riskbase.platform.persistence.TableExport;
import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;

/** Queries on treatment tasks, always inside one organization (and, where a risk is named, inside that risk). */
@DbTimed
@ApplicationScoped
public class TaskRepository {

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    @jakarta.annotation.Resource(lookup = "jdbc/riskbase")
    javax.sql.DataSource dataSource;

    public Optional<RiskTask> find(long orgId, long riskId, long id) {
        return byId(orgId, riskId, id).getResultList().stream().findFirst();
    }

    public Optional<RiskTask> findForUpdate(long orgId, long riskId, long id) {
        return byId(orgId, riskId, id).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream()
                .findFirst();
    }

    private TypedQuery<RiskTask> byId(long orgId, long riskId, long id) {
        return em.createQuery(
                        "select t from RiskTask t where t.id = :id and t.orgId = :org and t.riskId = :risk",
                        RiskTask.class)
                .setParameter("id", id)
                .setParameter("org", orgId)
                .setParameter("risk", riskId);
    }

    /** The tasks implementing one control: unfinished first, then earliest due, then by id. */
    public List<RiskTask> implementing(long orgId, long controlId, int limit) {
        return em.createQuery(
                        "select t from RiskTask t where t.orgId = :org and t.controlId = :control order by case when"
                                + " t.status in (:finished) then 1 else 0 end, t.dueDate asc nulls last, t.id asc",
                        RiskTask.class)
                .setParameter("org", orgId)
                .setParameter("control", controlId)
                .setParameter("finished", List.of(TaskStatus.DONE, TaskStatus.CANCELLED))
                .setMaxResults(limit)
                .getResultList();
    }

    /** The plan of one risk, oldest first. */
    public List<RiskTask> ofRisk(long orgId, long riskId, int offset, int limit) {
        return em.createQuery(
                        "select t from RiskTask t where t.orgId = :org and t.riskId = :risk order by t.id",
                        RiskTask.class)
                .setParameter("org", orgId)
                .setParameter("risk", riskId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long countOfRisk(long orgId, long riskId) {
        return em.createQuery("select count(t) from RiskTask t where t.orgId = :org and t.riskId = :risk", Long.class)
                .setParameter("org", orgId)
                .setParameter("risk", riskId)
                .getSingleResult();
    }

    /** Tasks across risks, earliest due first (no due date last), then by id. */
    public List<RiskTask> search(long orgId, TaskFilter filter, int offset, int limit) {
        TypedQuery<RiskTask> query = em.createQuery(
                "select t from RiskTask t where " + where(filter) + " order by t.dueDate asc nulls last, t.id asc",
                RiskTask.class);
        return bind(query, orgId, filter)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count(long orgId, TaskFilter filter) {
        TypedQuery<Long> query = em.createQuery("select count(t) from RiskTask t where " + where(filter), Long.class);
        return bind(query, orgId, filter).getSingleResult();
    }

    private static String where(TaskFilter f) {
        StringBuilder jpql = new StringBuilder("t.orgId = :org");
        if (f.ownerId() != null) {
            jpql.append(" and t.ownerId = :owner");
        }
        if (!f.statuses().isEmpty()) {
            jpql.append(" and t.status in :statuses");
        }
        if (f.dueBefore() != null) {
            jpql.append(" and t.dueDate < :due");
        }
        return jpql.toString();
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> query, long orgId, TaskFilter f) {
        query.setParameter("org", orgId);
        if (f.ownerId() != null) {
            query.setParameter("owner", f.ownerId());
        }
        if (!f.statuses().isEmpty()) {
            query.setParameter("statuses", f.statuses());
        }
        if (f.dueBefore() != null) {
            query.setParameter("due", f.dueBefore());
        }
        return query;
    }

    public void add(RiskTask task) {
        em.persist(task);
        em.flush();
    }

    public void remove(RiskTask task) {
        em.remove(task);
        em.flush();
    }

    public void flush() {
        em.flush();
    }

    /**
     * Recomputes the risk's task counts from its tasks. The caller holds the risk's row lock, so concurrent task writes
     * of one risk count one after the other. The risk's version moves on too: its representation (the summary) changed,
     * so its ETag must, or a conditional GET would answer 304 with the old summary.
     */
    public void recount(long orgId, long riskId) {
        em.flush();
        String ofRisk = "select count(*) from risk_tasks t where t.org_id = :org and t.risk_id = :risk";
        em.createNativeQuery("update risks set tasks_total = (" + ofRisk + "), tasks_open = (" + ofRisk
                        + " and t.status in ('OPEN', 'IN_PROGRESS')), tasks_done = (" + ofRisk
                        + " and t.status = 'DONE'), version = version + 1 where org_id = :org and id = :risk")
                .setParameter("org", orgId)
                .setParameter("risk", riskId)
                .executeUpdate();
    }

    static final List<TableExport.Column> EXPORT_COLUMNS = List.of(
            TableExport.Column.number("id"),
            TableExport.Column.number("risk_id"),
            TableExport.Column.text("risk_external_id"),
            TableExport.Column.text("title"),
            TableExport.Column.text("description"),
            TableExport.Column.text("status"),
            TableExport.Column.text("owner_email"),
            TableExport.Column.text("due_date"),
            TableExport.Column.text("completed_at"),
            TableExport.Column.text("created_at"),
            TableExport.Column.text("updated_at"));

    /**
     * Every task of the organization in id order (a cursor of its own, outside any transaction): its risk by id and by
     * the external id a risk export gives it, its owner by e-mail.
     */
    public void export(long orgId, TableExport.Format format, java.io.OutputStream out) throws java.io.IOException {
        TableExport.write(
                dataSource,
                "select t.id, t.risk_id, coalesce(r.external_id, concat('riskbase:', cast(r.org_id as varchar(20)),"
                        + " ':', cast(r.id as varchar(20)))) as risk_external_id, t.title, t.description, t.status,"
                        + " u.email as owner_email, t.due_date, t.completed_at, t.created_at, t.updated_at"
                        + " from risk_tasks t join risks r on r.id = t.risk_id and r.org_id = t.org_id"
                        + " left join users u on u.id = t.owner_id and u.org_id = t.org_id"
                        + " where t.org_id = ? order by t.id",
                List.of(orgId),
                EXPORT_COLUMNS,
                format,
                out);
    }
}
