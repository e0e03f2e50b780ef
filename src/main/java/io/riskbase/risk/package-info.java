/**
 * Risks of an organization: CRUD with optimistic locking (version, {@code ETag}/{@code If-Match}), filtered and sorted
 * lists, text search, the likelihood × impact matrix and the audit history written in the same transaction as each
 * change. Read methods of {@link io.riskbase.risk.RiskService} are pure functions of (organization, arguments)
 * returning immutable values, so they can be cached; every write goes through one of its transactional methods.
 * {@link io.riskbase.risk.RiskSampler} draws realistic risks for the demo organization; the bulk data generator that
 * uses it for benchmarks is a tool outside the WAR ({@code src/tools/java}). The risk model lives here too: the
 * organization's versioned {@link io.riskbase.risk.Methodology} (scales, level grid, appetite, review intervals) that
 * scores each risk's inherent, residual and target pairs, treatment tasks ({@link io.riskbase.risk.TaskService}) and
 * periodic reviews (docs/risk-model.md).
 */
package io.riskbase.risk;
