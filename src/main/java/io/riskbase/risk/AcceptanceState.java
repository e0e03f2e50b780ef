package io.riskbase.risk;

/**
 * Where an acceptance request stands. PENDING waits for a decision; APPROVED holds the risk ACCEPTED until
 * {@code expires_at}; the others are final: REJECTED (decided against), EXPIRED (the job returned the risk to OPEN),
 * ENDED (the risk left ACCEPTED by a write before the expiry).
 */
public enum AcceptanceState {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED,
    ENDED
}
