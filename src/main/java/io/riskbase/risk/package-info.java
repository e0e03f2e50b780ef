/**
 * Risks of an organization: CRUD with optimistic locking (version, {@code ETag}/{@code If-Match}),
 * filtered and sorted lists, text search, the likelihood × impact matrix and the audit history
 * written in the same transaction as each change. Read methods of {@link io.riskbase.risk.RiskService}
 * are pure functions of (organization, arguments) returning immutable values, so they can be cached;
 * every write goes through one of its transactional methods. The {@code generator} sub-package loads
 * realistic volumes for benchmarks.
 */
package io.riskbase.risk;
