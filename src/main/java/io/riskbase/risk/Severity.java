package io.riskbase.risk;

/** How bad a risk is, from least to most severe (the declaration order is the sort order). */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /**
     * The severity a score suggests when the client does not name one: 1–4 LOW, 5–9 MEDIUM, 10–16 HIGH, 20–25 CRITICAL.
     */
    public static Severity forScore(int score) {
        if (score >= 20) {
            return CRITICAL;
        }
        if (score >= 10) {
            return HIGH;
        }
        return score >= 5 ? MEDIUM : LOW;
    }
}
