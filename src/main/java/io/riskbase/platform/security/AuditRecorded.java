package io.riskbase.platform.security;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;

/**
 * Entries were appended to an organization's audit log, in chain order: fired synchronously in the transaction that
 * wrote them, so a feature that forwards the log commits or rolls back with them. One event for a whole batch (an
 * import's writes a thousand entries at once). Each entry is rendered only when asked for, as the audit log serves it
 * (with its sequence number and hashes, so a receiver can check the chain itself).
 */
public record AuditRecorded(long orgId, List<Entry> entries) {

    public record Entry(long seq, Supplier<JsonObject> json) {}
}
