package io.riskbase.platform.persistence;

/** Fired once the migrations have run at start-up; observers that need the schema (demo data, warm-up) wait for it. */
public record SchemaReady(boolean postgres) {}
