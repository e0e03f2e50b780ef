package io.riskbase.platform.security;

import java.util.List;

/**
 * Several changes of one organization to record in its audit log at once, fired synchronously inside their transaction
 * (an import's batch): the chain is locked once for all of them and the entries are written in one round trip.
 *
 * @param orgId the organization whose log gets the entries
 * @param entries in the order they are chained; each of this organization
 */
public record AuditBatch(long orgId, List<AuditEvent> entries) {

    public AuditBatch {
        entries = List.copyOf(entries);
    }
}
