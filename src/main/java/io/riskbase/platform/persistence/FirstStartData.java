package io.riskbase.platform.persistence;

/**
 * Fired after the migrations and before {@link SchemaReady}, for observers that create data once per database (the demo
 * organization): each takes {@link DatabaseMigrator#seedingLock} in its own transaction, so it sees what a node that
 * started at the same moment created.
 */
public record FirstStartData(boolean postgres) {}
