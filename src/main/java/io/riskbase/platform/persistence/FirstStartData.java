package io.riskbase.platform.persistence;

/**
 * Fired after the migrations and before {@link SchemaReady}, while this node holds the start lock: observers that
 * create data once per database (the demo organization) see what a node that started at the same moment created.
 */
public record FirstStartData(boolean postgres) {}
