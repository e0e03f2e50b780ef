package io.riskbase.risk;

import io.riskbase.platform.persistence.SqlQuery;
import java.util.List;

/**
 * Test-only access to the statements {@link RiskRepository} runs (built by the package-private {@link RiskSql}), so
 * tests in other packages can run or EXPLAIN exactly those.
 */
public final class RiskStatements {

    private RiskStatements() {}

    public static SqlQuery list(long orgId, RiskFilter filter, RiskSort sort, int offset, int limit, boolean postgres) {
        return RiskSql.list(orgId, filter, sort, offset, limit, postgres);
    }

    public static SqlQuery count(long orgId, RiskFilter filter, boolean postgres) {
        return RiskSql.count(orgId, filter, postgres);
    }

    public static SqlQuery matrix(long orgId, List<RiskStatus> statuses) {
        return RiskSql.matrix(orgId, statuses);
    }

    public static SqlQuery matrix(long orgId, List<RiskStatus> statuses, ScoreBasis basis) {
        return RiskSql.matrix(orgId, statuses, basis);
    }
}
