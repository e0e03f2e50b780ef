package io.riskbase.control;

import io.riskbase.control.CatalogRepository.Kind;
import io.riskbase.platform.persistence.SqlQuery;
import java.util.Map;

/**
 * The native statements over link tables and the coverage inputs, built in one place so that the index check
 * (CatalogIndexUsageIT) EXPLAINs exactly what the repositories run. Every one is tenant-filtered on each table.
 */
public final class CatalogSql {

    private CatalogSql() {}

    /** The risks linked to an asset or control, newest first. */
    public static SqlQuery risksOf(Kind kind, long orgId, long targetId) {
        return new SqlQuery(
                "select r.id, r.title, r.status, coalesce(r.residual_score, r.score) from " + kind.table + " l join"
                        + " risks r on r.org_id = l.org_id and r.id = l.risk_id where l.org_id = :org and l."
                        + kind.column + " = :target order by r.id desc",
                Map.of("org", orgId, "target", targetId));
    }

    public static SqlQuery countRisksOf(Kind kind, long orgId, long targetId) {
        return new SqlQuery(
                "select count(*) from " + kind.table + " where org_id = :org and " + kind.column + " = :target",
                Map.of("org", orgId, "target", targetId));
    }

    /** The assets or controls linked to a risk, by id. */
    public static SqlQuery ofRisk(Kind kind, long orgId, long riskId) {
        String table = kind == Kind.ASSET ? "assets" : "controls";
        return new SqlQuery(
                "select t.* from " + kind.table + " l join " + table + " t on t.org_id = l.org_id and t.id = l."
                        + kind.column + " where l.org_id = :org and l.risk_id = :risk order by t.id",
                Map.of("org", orgId, "risk", riskId));
    }

    public static SqlQuery countOfRisk(Kind kind, long orgId, long riskId) {
        return new SqlQuery(
                "select count(*) from " + kind.table + " where org_id = :org and risk_id = :risk",
                Map.of("org", orgId, "risk", riskId));
    }

    /** A framework's requirements in document order. */
    public static SqlQuery requirements(long orgId, long frameworkId) {
        return new SqlQuery(
                "select id, framework_id, parent_id, code, title, description from framework_requirements where"
                        + " org_id = :org and framework_id = :fw order by position, id",
                Map.of("org", orgId, "fw", frameworkId));
    }

    /** Every mapping into one framework, with the mapped control's status and effectiveness. */
    public static SqlQuery mappings(long orgId, long frameworkId) {
        return new SqlQuery(
                "select m.requirement_id, c.id, c.code, c.name, c.status, c.effectiveness from control_requirements m"
                        + " join controls c on c.org_id = m.org_id and c.id = m.control_id where m.org_id = :org and"
                        + " m.framework_id = :fw order by m.requirement_id, c.id",
                Map.of("org", orgId, "fw", frameworkId));
    }

    /** The (control, risk) pairs of the controls mapped into one framework. */
    public static SqlQuery treated(long orgId, long frameworkId) {
        return new SqlQuery(
                "select distinct l.control_id, l.risk_id from risk_controls l where l.org_id = :org and l.control_id"
                        + " in (select m.control_id from control_requirements m where m.org_id = :org and"
                        + " m.framework_id = :fw) order by l.control_id, l.risk_id",
                Map.of("org", orgId, "fw", frameworkId));
    }

    /** The requirements a control is mapped to, with their framework. */
    public static SqlQuery requirementsOfControl(long orgId, long controlId) {
        return new SqlQuery(
                "select r.id, r.code, r.title, f.id, f.code, f.version from control_requirements m join"
                        + " framework_requirements r on r.org_id = m.org_id and r.id = m.requirement_id join frameworks"
                        + " f on f.org_id = r.org_id and f.id = r.framework_id where m.org_id = :org and m.control_id ="
                        + " :id order by f.code, f.version, r.position",
                Map.of("org", orgId, "id", controlId));
    }
}
