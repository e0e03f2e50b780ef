package io.riskbase.platform.security;

import jakarta.json.JsonObject;
import java.util.function.Supplier;

/**
 * An entry was appended to an organization's audit log: fired synchronously in the transaction that wrote it, so a
 * feature that forwards the log commits or rolls back with the entry. The entry is rendered only when asked for, as the
 * audit log serves it (with its sequence number and hashes, so a receiver can check the chain itself).
 */
public record AuditRecorded(long orgId, long seq, Supplier<JsonObject> entry) {}
