package io.riskbase.risk;

import io.riskbase.platform.persistence.SqlQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the risk list, search and matrix, built for {@link RiskRepository} only (tests EXPLAIN exactly these
 * statements). Every statement filters on {@code org_id} first, so each runs on an index that leads with it. On
 * PostgreSQL the text filter uses the stored {@code search_vector} (GIN); on the embedded database every word must
 * occur in title or description.
 */
final class RiskSql {

    private RiskSql() {}

    static SqlQuery list(long orgId, RiskFilter filter, RiskSort sort, int offset, int limit, boolean postgres) {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = "select " + Risk.COLUMNS + " from risks r where " + where(orgId, filter, postgres, params)
                + " order by " + orderBy(sort, filter, postgres, params) + " limit :limit offset :offset";
        params.put("limit", limit);
        params.put("offset", offset);
        return new SqlQuery(sql, params);
    }

    /**
     * Every matching risk with its owner's e-mail, in id order, for an export streamed through a cursor (no page, no
     * count: the client reads until the end).
     */
    static SqlQuery export(long orgId, RiskFilter filter, boolean postgres) {
        // RiskRepository.exportRow reads these columns by position
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = "select r.id, r.external_id, r.title, r.description, r.category, r.severity, r.status,"
                + " r.likelihood, r.impact, r.residual_likelihood, r.residual_impact, r.target_likelihood,"
                + " r.target_impact, r.strategy, r.owner_id, u.email as owner_email, r.tags, r.due_date"
                + " from risks r left join users u on u.id = r.owner_id and u.org_id = r.org_id where "
                + where(orgId, filter, postgres, params) + " order by r.id";
        return new SqlQuery(sql, params);
    }

    static SqlQuery count(long orgId, RiskFilter filter, boolean postgres) {
        Map<String, Object> params = new LinkedHashMap<>();
        return new SqlQuery("select count(*) from risks r where " + where(orgId, filter, postgres, params), params);
    }

    /** Risk counts per inherent (likelihood, impact) among the given statuses. */
    static SqlQuery matrix(long orgId, List<RiskStatus> statuses) {
        return matrix(orgId, statuses, ScoreBasis.INHERENT);
    }

    /** Risk counts per (likelihood, impact) of the basis among the given statuses; risks without a target skipped. */
    static SqlQuery matrix(long orgId, List<RiskStatus> statuses, ScoreBasis basis) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("org", orgId);
        params.put("statuses", statuses.stream().map(Enum::name).toList());
        String pair = basis.likelihoodColumn + ", " + basis.impactColumn;
        return new SqlQuery(
                "select " + pair + ", count(*) from risks r where r.org_id = :org and r.status in (:statuses)"
                        + (basis == ScoreBasis.TARGET ? " and r.target_likelihood is not null" : "") + " group by "
                        + pair,
                params);
    }

    /**
     * Per scale value above the given maximum, how many risks use it in any of their three pairs (dimension
     * "likelihood" or "impact").
     */
    static SqlQuery valuesAbove(long orgId, String dimension, int max) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("org", orgId);
        params.put("max", max);
        String sql = "select v, count(distinct id) from ("
                + "select r.id, r." + dimension + " as v from risks r where r.org_id = :org and r." + dimension
                + " > :max union all select r.id, r.residual_" + dimension + " from risks r where r.org_id = :org"
                + " and r.residual_" + dimension + " > :max union all select r.id, r.target_" + dimension
                + " from risks r where r.org_id = :org and r.target_" + dimension + " > :max) u group by v order by v";
        return new SqlQuery(sql, params);
    }

    /** Ids of the risks that use a likelihood or impact value above the maxima in any of their pairs. */
    static SqlQuery idsAbove(long orgId, int maxLikelihood, int maxImpact) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("org", orgId);
        params.put("l", maxLikelihood);
        params.put("i", maxImpact);
        return new SqlQuery(
                "select r.id from risks r where r.org_id = :org and (r.likelihood > :l or r.impact > :i"
                        + " or r.residual_likelihood > :l or r.residual_impact > :i"
                        + " or r.target_likelihood > :l or r.target_impact > :i) order by r.id",
                params);
    }

    private static String where(long orgId, RiskFilter f, boolean postgres, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder("r.org_id = :org");
        params.put("org", orgId);
        if (!f.severities().isEmpty()) {
            sql.append(" and r.severity in (:severities)");
            params.put("severities", f.severities().stream().map(Enum::name).toList());
        }
        if (!f.statuses().isEmpty()) {
            sql.append(" and r.status in (:statuses)");
            params.put("statuses", f.statuses().stream().map(Enum::name).toList());
        }
        if (f.ownerId() != null) {
            sql.append(" and r.owner_id = :owner");
            params.put("owner", f.ownerId());
        }
        levels(sql, "r.inherent_level", "inherent_levels", f.inherentLevels(), params);
        levels(sql, "r.residual_level", "residual_levels", f.residualLevels(), params);
        levels(sql, "r.target_level", "target_levels", f.targetLevels(), params);
        if (f.reviewDueBefore() != null) {
            sql.append(" and r.next_review_at < :review_before");
            params.put("review_before", f.reviewDueBefore());
        }
        if (f.category() != null) {
            sql.append(" and r.category = :category");
            params.put("category", f.category());
        }
        if (f.text() != null) {
            if (postgres) {
                sql.append(" and r.search_vector @@ plainto_tsquery('simple', :q)");
                params.put("q", f.text());
            } else {
                List<String> words = f.words();
                for (int i = 0; i < words.size(); i++) {
                    sql.append(" and (lower(r.title) like :w")
                            .append(i)
                            .append(" escape '!' or lower(r.description) like :w")
                            .append(i)
                            .append(" escape '!')");
                    params.put(
                            "w" + i,
                            "%"
                                    + words.get(i)
                                            .replace("!", "!!")
                                            .replace("%", "!%")
                                            .replace("_", "!_") + "%");
                }
            }
        }
        return sql.toString();
    }

    private static void levels(
            StringBuilder sql, String column, String name, List<String> levels, Map<String, Object> params) {
        if (!levels.isEmpty()) {
            sql.append(" and ").append(column).append(" in (:").append(name).append(')');
            params.put(name, levels);
        }
    }

    private static String orderBy(RiskSort sort, RiskFilter filter, boolean postgres, Map<String, Object> params) {
        if (sort.field() == RiskSort.Field.RELEVANCE) {
            if (postgres && filter.text() != null) {
                params.put("rank_q", filter.text());
                return "ts_rank(r.search_vector, plainto_tsquery('simple', :rank_q)) desc, r.id desc";
            }
            return "r.created_at desc, r.id desc";
        }
        String dir = sort.descending() ? " desc" : " asc";
        String column = switch (sort.field()) {
            case SCORE -> "r.score";
            case CREATED_AT -> "r.created_at";
            case UPDATED_AT -> "r.updated_at";
            case DUE_DATE -> "r.due_date";
            case TITLE -> "r.title";
            case LIKELIHOOD -> "r.likelihood";
            case IMPACT -> "r.impact";
            case SEVERITY -> "case r.severity when 'LOW' then 1 when 'MEDIUM' then 2 when 'HIGH' then 3 else 4 end";
            case INHERENT_LEVEL -> "r.inherent_rank" + dir + ", r.score";
            case RESIDUAL_LEVEL -> "r.residual_rank" + dir + ", r.residual_score";
            case TARGET_LEVEL -> "r.target_rank" + dir + " nulls last, r.target_score";
            case NEXT_REVIEW_AT -> "r.next_review_at";
            case RELEVANCE -> throw new IllegalStateException();
        };
        return column + dir + ", r.id" + dir;
    }
}
