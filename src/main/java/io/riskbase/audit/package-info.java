/**
 * The organization audit log: every entry hash-chained to the previous one of its organization
 * ({@link io.riskbase.audit.AuditChain}), appended in the transaction of the change it records (features fire
 * {@link io.riskbase.platform.security.AuditEvent}s through {@link io.riskbase.platform.security.AuditTrail}), read
 * with filters and a cursor, verified and exported as NDJSON by streaming through the rows.
 */
package io.riskbase.audit;
