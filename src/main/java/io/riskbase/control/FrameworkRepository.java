package io.riskbase.control;

import io.riskbase.control.FrameworkViews.FrameworkView;
import io.riskbase.control.FrameworkViews.MappedControl;
import io.riskbase.control.FrameworkViews.RequirementRef;
import io.riskbase.control.FrameworkViews.RequirementView;
import io.riskbase.platform.persistence.SqlQuery;
import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Frameworks, their requirements and the control mappings, always inside one organization. */
@DbTimed
@ApplicationScoped
public class FrameworkRepository {

    /** One control mapped to one requirement, with what coverage needs of the control. */
    public record Mapping(long requirementId, MappedControl control) {}

    /** A control and a risk it treats. */
    public record Treats(long controlId, long riskId) {}

    private static final String FRAMEWORK_COLUMNS = "f.id, f.code, f.version, f.name, f.source, f.imported_at, (select"
            + " count(*) from framework_requirements r where r.org_id = f.org_id and r.framework_id = f.id)";

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    public Optional<FrameworkView> find(long orgId, long id) {
        return frameworks("f.org_id = :org and f.id = :id", orgId, id, null, null).stream()
                .findFirst();
    }

    public Optional<FrameworkView> find(long orgId, String code, String version) {
        return frameworks("f.org_id = :org and f.code = :code and f.version = :version", orgId, null, code, version)
                .stream()
                .findFirst();
    }

    public List<FrameworkView> list(long orgId) {
        return frameworks("f.org_id = :org", orgId, null, null, null);
    }

    private List<FrameworkView> frameworks(String where, long orgId, Long id, String code, String version) {
        var q = em.createNativeQuery(
                        "select " + FRAMEWORK_COLUMNS + " from frameworks f where " + where + " order by f.code, f.id")
                .setParameter("org", orgId);
        if (id != null) {
            q.setParameter("id", id);
        }
        if (code != null) {
            q.setParameter("code", code).setParameter("version", version);
        }
        return ((List<?>) q.getResultList())
                .stream()
                        .map(o -> (Object[]) o)
                        .map(r -> new FrameworkView(
                                num(r[0]),
                                (String) r[1],
                                (String) r[2],
                                (String) r[3],
                                (String) r[4],
                                CatalogRepository.time(r[5]),
                                num(r[6])))
                        .toList();
    }

    public long insert(long orgId, FrameworkDocument doc, long userId, OffsetDateTime now) {
        em.createNativeQuery("insert into frameworks (org_id, code, version, name, source, imported_by, imported_at)"
                        + " values (:org, :code, :version, :name, :source, :user, :now)")
                .setParameter("org", orgId)
                .setParameter("code", doc.code())
                .setParameter("version", doc.version())
                .setParameter("name", doc.name())
                .setParameter("source", doc.source())
                .setParameter("user", userId)
                .setParameter("now", now)
                .executeUpdate();
        return find(orgId, doc.code(), doc.version()).orElseThrow().id();
    }

    public void rename(long orgId, long id, String name, String source) {
        em.createNativeQuery("update frameworks set name = :name, source = :source where org_id = :org and id = :id")
                .setParameter("name", name)
                .setParameter("source", source)
                .setParameter("org", orgId)
                .setParameter("id", id)
                .executeUpdate();
    }

    public List<RequirementView> requirements(long orgId, long frameworkId) {
        List<?> rows = run(CatalogSql.requirements(orgId, frameworkId));
        return rows.stream()
                .map(o -> (Object[]) o)
                .map(r -> new RequirementView(
                        num(r[0]), num(r[1]), r[2] == null ? null : num(r[2]), (String) r[3], (String) r[4], (String)
                                r[5]))
                .toList();
    }

    private List<?> run(SqlQuery q) {
        return q.bind(em.createNativeQuery(q.sql())).getResultList();
    }

    public void insertRequirement(long orgId, long frameworkId, FrameworkDocument.Item item) {
        em.createNativeQuery("insert into framework_requirements (org_id, framework_id, code, title, description,"
                        + " position) values (:org, :fw, :code, :title, :description, :position)")
                .setParameter("org", orgId)
                .setParameter("fw", frameworkId)
                .setParameter("code", item.code())
                .setParameter("title", item.title())
                .setParameter("description", item.description())
                .setParameter("position", item.position())
                .executeUpdate();
    }

    public void updateRequirement(long orgId, long id, FrameworkDocument.Item item, Long parentId) {
        em.createNativeQuery("update framework_requirements set title = :title, description = :description, position ="
                        + " :position, parent_id = :parent where org_id = :org and id = :id")
                .setParameter("title", item.title())
                .setParameter("description", item.description())
                .setParameter("position", item.position())
                .setParameter("parent", parentId)
                .setParameter("org", orgId)
                .setParameter("id", id)
                .executeUpdate();
    }

    public Optional<RequirementRef> findRequirement(long orgId, long id) {
        return refs("r.org_id = :org and r.id = :id", orgId, id).stream().findFirst();
    }

    /** The requirements a control is mapped to, by framework. */
    public List<RequirementRef> requirementsOfControl(long orgId, long controlId) {
        return refs(run(CatalogSql.requirementsOfControl(orgId, controlId)));
    }

    private List<RequirementRef> refs(String where, long orgId, long id) {
        return refs(em.createNativeQuery("select r.id, r.code, r.title, f.id, f.code, f.version from"
                        + " framework_requirements r join frameworks f on f.org_id = r.org_id and f.id = r.framework_id"
                        + " where " + where + " order by f.code, f.version, r.position")
                .setParameter("org", orgId)
                .setParameter("id", id)
                .getResultList());
    }

    private static List<RequirementRef> refs(List<?> rows) {
        return rows.stream()
                .map(o -> (Object[]) o)
                .map(r -> new RequirementRef(
                        num(r[0]), (String) r[1], (String) r[2], num(r[3]), (String) r[4], (String) r[5]))
                .toList();
    }

    /** Adds the mapping unless it exists; whether it was added. */
    public boolean map(long orgId, long controlId, RequirementRef requirement, long userId, OffsetDateTime now) {
        boolean exists = !em.createNativeQuery("select 1 from control_requirements where org_id = :org and control_id ="
                        + " :control and requirement_id = :req")
                .setParameter("org", orgId)
                .setParameter("control", controlId)
                .setParameter("req", requirement.id())
                .getResultList()
                .isEmpty();
        if (exists) {
            return false;
        }
        em.createNativeQuery("insert into control_requirements (org_id, control_id, requirement_id, framework_id,"
                        + " created_by, created_at) values (:org, :control, :req, :fw, :user, :now)")
                .setParameter("org", orgId)
                .setParameter("control", controlId)
                .setParameter("req", requirement.id())
                .setParameter("fw", requirement.frameworkId())
                .setParameter("user", userId)
                .setParameter("now", now)
                .executeUpdate();
        return true;
    }

    public boolean unmap(long orgId, long controlId, long requirementId) {
        return em.createNativeQuery("delete from control_requirements where org_id = :org and control_id = :control"
                                + " and requirement_id = :req")
                        .setParameter("org", orgId)
                        .setParameter("control", controlId)
                        .setParameter("req", requirementId)
                        .executeUpdate()
                > 0;
    }

    /** Removes every mapping of a control; the requirements it was mapped to (for their history). */
    public List<Long> unmapAll(long orgId, long controlId) {
        List<Long> requirementIds = em
                .createNativeQuery("select requirement_id from control_requirements"
                        + " where org_id = :org and control_id = :control order by requirement_id")
                .setParameter("org", orgId)
                .setParameter("control", controlId)
                .getResultList()
                .stream()
                .map(o -> ((Number) o).longValue())
                .toList();
        em.createNativeQuery("delete from control_requirements where org_id = :org and control_id = :control")
                .setParameter("org", orgId)
                .setParameter("control", controlId)
                .executeUpdate();
        return requirementIds;
    }

    /** Every mapping into one framework, with the mapped control's status and effectiveness. */
    public List<Mapping> mappings(long orgId, long frameworkId) {
        List<?> rows = run(CatalogSql.mappings(orgId, frameworkId));
        return rows.stream()
                .map(o -> (Object[]) o)
                .map(r -> new Mapping(
                        num(r[0]),
                        new MappedControl(
                                num(r[1]),
                                (String) r[2],
                                (String) r[3],
                                Control.Status.valueOf((String) r[4]),
                                r[5] == null ? null : ((Number) r[5]).intValue())))
                .toList();
    }

    /** The risks treated by the controls mapped into one framework. */
    public List<Treats> treated(long orgId, long frameworkId) {
        List<?> rows = run(CatalogSql.treated(orgId, frameworkId));
        return rows.stream()
                .map(o -> (Object[]) o)
                .map(r -> new Treats(num(r[0]), num(r[1])))
                .toList();
    }

    static long num(Object o) {
        return ((Number) o).longValue();
    }
}
