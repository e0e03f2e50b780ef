package io.riskbase.control;

import io.riskbase.control.CatalogViews.HistoryEntryView;
import io.riskbase.control.CatalogViews.LinkedRisk;
import io.riskbase.platform.events.ChangeEvents;
import io.riskbase.platform.persistence.SqlQuery;
import io.riskbase.platform.persistence.TableExport;
import io.riskbase.platform.security.AuditTrail;
import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Queries on assets, controls, their links to risks and their history; the organization is in every one (the locking
 * reads too), so an id of another organization is simply not found.
 */
@DbTimed
@ApplicationScoped
public class CatalogRepository {

    /** What an asset list may be narrowed by; null means any. */
    public record AssetFilter(String type, Long ownerId, Integer minCriticality, String tag, String text) {}

    /** What a control list may be narrowed by; null means any. */
    public record ControlFilter(Control.Status status, Control.Type type, Long ownerId, String text) {}

    /** The kinds of linked objects, their link tables and the field naming them in a history entry. */
    public enum Kind {
        ASSET("risk_assets", "asset_id"),
        CONTROL("risk_controls", "control_id"),
        /** Only a history subject (its links are control mappings, kept by {@link FrameworkRepository}). */
        REQUIREMENT("control_requirements", "requirement_id");

        final String table;
        final String column;

        Kind(String table, String column) {
            this.table = table;
            this.column = column;
        }

        String field() {
            return column;
        }
    }

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    @jakarta.annotation.Resource(lookup = "jdbc/riskbase")
    javax.sql.DataSource dataSource;

    @Inject
    AuditTrail audit;

    @Inject
    ChangeEvents changeEvents;

    // --- assets

    public Optional<Asset> findAsset(long orgId, long id, boolean forUpdate) {
        TypedQuery<Asset> q = em.createQuery("select a from Asset a where a.id = :id and a.orgId = :org", Asset.class)
                .setParameter("id", id)
                .setParameter("org", orgId);
        if (forUpdate) {
            q.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return q.getResultList().stream().findFirst();
    }

    public List<Asset> assets(long orgId, AssetFilter f, int offset, int limit) {
        TypedQuery<Asset> q = em.createQuery("select a from Asset a where " + where(f) + " order by a.id", Asset.class);
        return bind(q, orgId, f).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long countAssets(long orgId, AssetFilter f) {
        return bind(em.createQuery("select count(a) from Asset a where " + where(f), Long.class), orgId, f)
                .getSingleResult();
    }

    private static String where(AssetFilter f) {
        StringBuilder jpql = new StringBuilder("a.orgId = :org");
        if (f.type() != null) {
            jpql.append(" and a.type = :type");
        }
        if (f.ownerId() != null) {
            jpql.append(" and a.ownerId = :owner");
        }
        if (f.minCriticality() != null) {
            jpql.append(" and a.criticality >= :crit");
        }
        if (f.tag() != null) {
            jpql.append(" and concat(',', a.tags, ',') like :tag escape '\\'");
        }
        if (f.text() != null) {
            jpql.append(" and lower(a.name) like :text escape '\\'");
        }
        return jpql.toString();
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> q, long orgId, AssetFilter f) {
        q.setParameter("org", orgId);
        if (f.type() != null) {
            q.setParameter("type", f.type());
        }
        if (f.ownerId() != null) {
            q.setParameter("owner", f.ownerId());
        }
        if (f.minCriticality() != null) {
            q.setParameter("crit", f.minCriticality());
        }
        if (f.tag() != null) {
            q.setParameter("tag", "%," + like(f.tag()) + ",%");
        }
        if (f.text() != null) {
            q.setParameter("text", "%" + like(f.text().toLowerCase(Locale.ROOT)) + "%");
        }
        return q;
    }

    // --- controls

    public Optional<Control> findControl(long orgId, long id, boolean forUpdate) {
        TypedQuery<Control> q = em.createQuery(
                        "select c from Control c where c.id = :id and c.orgId = :org", Control.class)
                .setParameter("id", id)
                .setParameter("org", orgId);
        if (forUpdate) {
            q.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return q.getResultList().stream().findFirst();
    }

    public Optional<Control> findControlByCode(long orgId, String code) {
        return em
                .createQuery("select c from Control c where c.orgId = :org and c.code = :code", Control.class)
                .setParameter("org", orgId)
                .setParameter("code", code)
                .getResultList()
                .stream()
                .findFirst();
    }

    public List<Control> controls(long orgId, ControlFilter f, int offset, int limit) {
        TypedQuery<Control> q =
                em.createQuery("select c from Control c where " + where(f) + " order by c.id", Control.class);
        return bind(q, orgId, f).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long countControls(long orgId, ControlFilter f) {
        return bind(em.createQuery("select count(c) from Control c where " + where(f), Long.class), orgId, f)
                .getSingleResult();
    }

    private static String where(ControlFilter f) {
        StringBuilder jpql = new StringBuilder("c.orgId = :org");
        if (f.status() != null) {
            jpql.append(" and c.status = :status");
        }
        if (f.type() != null) {
            jpql.append(" and c.type = :type");
        }
        if (f.ownerId() != null) {
            jpql.append(" and c.ownerId = :owner");
        }
        if (f.text() != null) {
            jpql.append(" and (lower(c.name) like :text escape '\\' or lower(c.code) like :text escape '\\')");
        }
        return jpql.toString();
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> q, long orgId, ControlFilter f) {
        q.setParameter("org", orgId);
        if (f.status() != null) {
            q.setParameter("status", f.status());
        }
        if (f.type() != null) {
            q.setParameter("type", f.type());
        }
        if (f.ownerId() != null) {
            q.setParameter("owner", f.ownerId());
        }
        if (f.text() != null) {
            q.setParameter("text", "%" + like(f.text().toLowerCase(Locale.ROOT)) + "%");
        }
        return q;
    }

    public void add(Object entity) {
        em.persist(entity);
        em.flush();
    }

    public void remove(Object entity) {
        em.remove(entity);
        em.flush();
    }

    public void flush() {
        em.flush();
    }

    // --- links of risks

    /** Adds the link unless it exists; whether it was added. */
    public boolean link(Kind kind, long orgId, long riskId, long targetId, long userId, OffsetDateTime now) {
        if (linked(kind, orgId, riskId, targetId)) {
            return false;
        }
        em.createNativeQuery("insert into " + kind.table + " (org_id, risk_id, " + kind.column
                        + ", created_by, created_at) values (:org, :risk, :target, :user, :now)")
                .setParameter("org", orgId)
                .setParameter("risk", riskId)
                .setParameter("target", targetId)
                .setParameter("user", userId)
                .setParameter("now", now)
                .executeUpdate();
        return true;
    }

    /** Removes the link; whether there was one. */
    public boolean unlink(Kind kind, long orgId, long riskId, long targetId) {
        return em.createNativeQuery("delete from " + kind.table + " where org_id = :org and risk_id = :risk and "
                                + kind.column + " = :target")
                        .setParameter("org", orgId)
                        .setParameter("risk", riskId)
                        .setParameter("target", targetId)
                        .executeUpdate()
                > 0;
    }

    private boolean linked(Kind kind, long orgId, long riskId, long targetId) {
        return !em.createNativeQuery("select 1 from " + kind.table + " where org_id = :org and risk_id = :risk and "
                        + kind.column + " = :target")
                .setParameter("org", orgId)
                .setParameter("risk", riskId)
                .setParameter("target", targetId)
                .getResultList()
                .isEmpty();
    }

    /** Detaches an asset or control from every risk; the risks it was linked to (for their history). */
    public List<Long> detachAll(Kind kind, long orgId, long targetId) {
        List<Long> riskIds = longs(em.createNativeQuery("select risk_id from " + kind.table
                        + " where org_id = :org and " + kind.column + " = :target order by risk_id")
                .setParameter("org", orgId)
                .setParameter("target", targetId));
        em.createNativeQuery("delete from " + kind.table + " where org_id = :org and " + kind.column + " = :target")
                .setParameter("org", orgId)
                .setParameter("target", targetId)
                .executeUpdate();
        return riskIds;
    }

    /** The risks an asset or control is linked to, newest risk first. */
    public List<LinkedRisk> risksOf(Kind kind, long orgId, long targetId, int offset, int limit) {
        List<?> rows = native_(CatalogSql.risksOf(kind, orgId, targetId))
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
        return rows.stream()
                .map(o -> (Object[]) o)
                .map(r -> new LinkedRisk(
                        ((Number) r[0]).longValue(), (String) r[1], (String) r[2], ((Number) r[3]).intValue()))
                .toList();
    }

    public long countRisksOf(Kind kind, long orgId, long targetId) {
        return ((Number) native_(CatalogSql.countRisksOf(kind, orgId, targetId)).getSingleResult()).longValue();
    }

    /** The assets linked to a risk. */
    public List<Asset> assetsOfRisk(long orgId, long riskId, int offset, int limit) {
        SqlQuery q = CatalogSql.ofRisk(Kind.ASSET, orgId, riskId);
        List<?> rows = q.bind(em.createNativeQuery(q.sql(), Asset.class))
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
        return rows.stream().map(Asset.class::cast).toList();
    }

    /** The controls linked to a risk. */
    public List<Control> controlsOfRisk(long orgId, long riskId, int offset, int limit) {
        SqlQuery q = CatalogSql.ofRisk(Kind.CONTROL, orgId, riskId);
        List<?> rows = q.bind(em.createNativeQuery(q.sql(), Control.class))
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
        return rows.stream().map(Control.class::cast).toList();
    }

    public long countOfRisk(Kind kind, long orgId, long riskId) {
        return ((Number) native_(CatalogSql.countOfRisk(kind, orgId, riskId)).getSingleResult()).longValue();
    }

    /** The oldest risks of an organization (the demo links some of them). */
    public List<Long> firstRisks(long orgId, int limit) {
        return longs(em.createNativeQuery("select id from risks where org_id = :org order by id")
                .setParameter("org", orgId)
                .setMaxResults(limit));
    }

    private Query native_(SqlQuery q) {
        return q.bind(em.createNativeQuery(q.sql()));
    }

    // --- history

    /** One entry of an asset's or control's trail, also in the organization audit log (same transaction). */
    public void addHistory(
            long orgId, Kind subject, long subjectId, String action, Long userId, OffsetDateTime at, String changes) {
        em.createNativeQuery("insert into catalog_history (org_id, subject, subject_id, action, changed_by, changed_at,"
                        + " changes) values (:org, :subject, :id, :action, :user, :at, :changes)")
                .setParameter("org", orgId)
                .setParameter("subject", subject.name())
                .setParameter("id", subjectId)
                .setParameter("action", action)
                .setParameter("user", userId)
                .setParameter("at", at)
                .setParameter("changes", changes)
                .executeUpdate();
        JsonObject data;
        try (JsonReader reader = Json.createReader(new StringReader(changes))) {
            data = reader.readObject();
        }
        String type = subject.name().toLowerCase(Locale.ROOT);
        String event = type + "." + action.toLowerCase(Locale.ROOT);
        audit.record(orgId, event, type, subjectId, data);
        changeEvents.publish(orgId, event, type, subjectId, Map.of("changes", data));
    }

    public List<HistoryEntryView> history(long orgId, Kind subject, long subjectId, int offset, int limit) {
        List<?> rows = em.createNativeQuery("select id, action, changed_by, changed_at, changes from catalog_history"
                        + " where org_id = :org and subject = :subject and subject_id = :id order by id desc")
                .setParameter("org", orgId)
                .setParameter("subject", subject.name())
                .setParameter("id", subjectId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
        return rows.stream()
                .map(o -> (Object[]) o)
                .map(r -> {
                    JsonObject changes;
                    try (JsonReader reader = Json.createReader(new StringReader((String) r[4]))) {
                        changes = reader.readObject();
                    }
                    return new HistoryEntryView(
                            ((Number) r[0]).longValue(),
                            (String) r[1],
                            r[2] == null ? null : ((Number) r[2]).longValue(),
                            time(r[3]),
                            changes);
                })
                .toList();
    }

    public long countHistory(long orgId, Kind subject, long subjectId) {
        return ((Number) em.createNativeQuery("select count(*) from catalog_history where org_id = :org and subject ="
                                + " :subject and subject_id = :id")
                        .setParameter("org", orgId)
                        .setParameter("subject", subject.name())
                        .setParameter("id", subjectId)
                        .getSingleResult())
                .longValue();
    }

    static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }

    static List<Long> longs(Query q) {
        return ((List<?>) q.getResultList())
                .stream().map(v -> ((Number) v).longValue()).toList();
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    // --- exports (a cursor of their own, outside any transaction)

    static final List<TableExport.Column> CONTROL_COLUMNS = List.of(
            TableExport.Column.number("id"),
            TableExport.Column.text("code"),
            TableExport.Column.text("name"),
            TableExport.Column.text("description"),
            TableExport.Column.text("type"),
            TableExport.Column.text("status"),
            TableExport.Column.text("owner_email"),
            TableExport.Column.number("effectiveness"),
            TableExport.Column.text("review_date"),
            TableExport.Column.text("created_at"),
            TableExport.Column.text("updated_at"));

    static final List<TableExport.Column> ASSET_COLUMNS = List.of(
            TableExport.Column.number("id"),
            TableExport.Column.text("name"),
            TableExport.Column.text("type"),
            TableExport.Column.number("criticality"),
            TableExport.Column.text("owner_email"),
            TableExport.Column.text("description"),
            TableExport.Column.list("tags"),
            TableExport.Column.text("created_at"),
            TableExport.Column.text("updated_at"));

    /** Every control of the organization in id order, its owner by e-mail. */
    public void exportControls(long orgId, TableExport.Format format, java.io.OutputStream out)
            throws java.io.IOException {
        TableExport.write(
                dataSource,
                "select c.id, c.code, c.name, c.description, c.type, c.status, u.email as owner_email,"
                        + " c.effectiveness, c.review_date, c.created_at, c.updated_at from controls c"
                        + " left join users u on u.id = c.owner_id and u.org_id = c.org_id"
                        + " where c.org_id = ? order by c.id",
                List.of(orgId),
                CONTROL_COLUMNS,
                format,
                out);
    }

    /** Every asset of the organization in id order, its owner by e-mail. */
    public void exportAssets(long orgId, TableExport.Format format, java.io.OutputStream out)
            throws java.io.IOException {
        TableExport.write(
                dataSource,
                "select a.id, a.name, a.type, a.criticality, u.email as owner_email, a.description, a.tags,"
                        + " a.created_at, a.updated_at from assets a"
                        + " left join users u on u.id = a.owner_id and u.org_id = a.org_id"
                        + " where a.org_id = ? order by a.id",
                List.of(orgId),
                ASSET_COLUMNS,
                format,
                out);
    }
}
