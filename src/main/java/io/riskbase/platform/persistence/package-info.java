/**
 * Liquibase at start-up on the server-managed data source, the database dialect, and the pool settings published as
 * metrics.
 */
package io.riskbase.platform.persistence;
