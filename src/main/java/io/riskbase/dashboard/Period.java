package io.riskbase.dashboard;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.web.QueryParams;
import java.util.Arrays;

/** The rolling windows the dashboard stats offer. */
public enum Period {
    DAYS_7("7d", 7),
    DAYS_30("30d", 30),
    DAYS_90("90d", 90);

    public static final Period DEFAULT = DAYS_30;

    private final String label;
    private final int days;

    Period(String label, int days) {
        this.label = label;
        this.days = days;
    }

    public String label() {
        return label;
    }

    public int days() {
        return days;
    }

    public static Period parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        return Arrays.stream(values())
                .filter(p -> p.label.equalsIgnoreCase(value.strip()))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest("Query parameter 'period' must be one of 7d, 30d, 90d, was '"
                        + QueryParams.abbreviate(value) + "'"));
    }
}
