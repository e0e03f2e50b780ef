package io.riskbase.risk;

/**
 * Whether a control exists in an organization, for a task that names the control it implements. Controls are another
 * feature's (which imports this one, never the reverse), so that feature provides the one implementation.
 */
public interface TaskControls {

    /** Whether the control exists in the organization; if so it stays until the transaction ends (a row lock). */
    boolean lockIfExists(long orgId, long controlId);
}
