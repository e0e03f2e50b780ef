/**
 * What features tell the organization audit log: {@link io.riskbase.platform.audit.AuditTrail} turns a change into an
 * {@link io.riskbase.platform.audit.AuditEvent} (actor and client address from the request) and fires it synchronously,
 * so the audit feature's observer writes the entry in the transaction of the change. Imports no feature package.
 */
package io.riskbase.platform.audit;
