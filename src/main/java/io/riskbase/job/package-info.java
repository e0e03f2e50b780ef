/**
 * Asynchronous jobs of an organization (today: a risk import's real run): a row per job that its worker updates in the
 * transaction of each batch it commits, so the state, rows done and errors read over {@code GET /jobs/{id}} are exactly
 * what is committed. Features start and advance jobs; this package knows nothing of what a job does.
 */
package io.riskbase.job;
