package io.riskbase.risk;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.web.QueryParams;
import java.util.Arrays;
import java.util.Locale;

/**
 * One sort key of a risk list: {@code field} ascending or {@code -field} descending; ties are broken by id in the same
 * direction so pages are stable.
 */
public record RiskSort(Field field, boolean descending) {

    public static final RiskSort DEFAULT = new RiskSort(Field.CREATED_AT, true);
    public static final RiskSort RELEVANCE = new RiskSort(Field.RELEVANCE, true);

    public enum Field {
        SCORE("score"),
        CREATED_AT("created_at"),
        UPDATED_AT("updated_at"),
        DUE_DATE("due_date"),
        TITLE("title"),
        SEVERITY("severity"),
        LIKELIHOOD("likelihood"),
        IMPACT("impact"),
        /** By the level's rank in its methodology (lowest first ascending), then score. */
        INHERENT_LEVEL("inherent_level"),
        RESIDUAL_LEVEL("residual_level"),
        TARGET_LEVEL("target_level"),
        NEXT_REVIEW_AT("next_review_at"),
        /** Text-search rank (PostgreSQL); newest first on the embedded database. Only with a text query. */
        RELEVANCE("relevance");

        final String apiName;

        Field(String apiName) {
            this.apiName = apiName;
        }
    }

    public static final String ALLOWED =
            Arrays.stream(Field.values()).map(f -> f.apiName).toList().toString();

    public static RiskSort parse(String value, boolean hasText, RiskSort defaultSort) {
        if (value == null || value.isBlank()) {
            return defaultSort;
        }
        String v = value.strip();
        boolean descending = v.startsWith("-");
        String name = descending ? v.substring(1) : v;
        Field field = Arrays.stream(Field.values())
                .filter(f -> f.apiName.equals(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest("Query parameter 'sort' must be one of " + ALLOWED
                        + ", optionally prefixed with '-' for descending, was '" + QueryParams.abbreviate(value)
                        + "'"));
        if (field == Field.RELEVANCE) {
            if (!hasText) {
                throw ApiException.badRequest(
                        "Query parameter 'sort' can be 'relevance' only together with a text query 'q'");
            }
            return RELEVANCE;
        }
        return new RiskSort(field, descending);
    }
}
