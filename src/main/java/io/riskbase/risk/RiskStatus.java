package io.riskbase.risk;

/** Where a risk is in its life; only CLOSED sets {@code closed_at}. */
public enum RiskStatus {
    OPEN,
    MITIGATING,
    ACCEPTED,
    CLOSED
}
