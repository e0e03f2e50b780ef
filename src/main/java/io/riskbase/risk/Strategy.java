package io.riskbase.risk;

/** How a risk is treated. */
public enum Strategy {
    MITIGATE,
    ACCEPT,
    TRANSFER,
    AVOID
}
