/**
 * Realistic risk data: {@link io.riskbase.risk.generator.RiskSampler} draws risks with skewed
 * distributions (used by the demo organization and the generator), and
 * {@link io.riskbase.risk.generator.RiskDataGenerator} loads organizations, users and risks in bulk
 * from the command line (PostgreSQL COPY, batched inserts elsewhere).
 */
package io.riskbase.risk.generator;
