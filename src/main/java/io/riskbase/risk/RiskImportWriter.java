package io.riskbase.risk;

import io.riskbase.job.JobService;
import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one batch of an import: the rows and the job's progress commit together, and the risk caches of the
 * organization are invalidated once for the batch (all single-risk entries by one generation bump, the lists by the
 * change), not once per row. History, audit entries and events of the batch are written together
 * ({@link RiskService#finishImported}): one lock of the audit chain and of the outbox per batch, one round trip each.
 */
@ApplicationScoped
public class RiskImportWriter {

    /** A row the organization's rules refuse now (they changed since the validation pass): the batch rolls back. */
    static final class Rejected extends RuntimeException {
        final transient RiskImport.Planned row;
        final transient ApiException reason;

        Rejected(RiskImport.Planned row, ApiException reason) {
            super(null, null, false, false);
            this.row = row;
            this.reason = reason;
        }
    }

    @Inject
    RiskService service;

    @Inject
    RiskRepository risks;

    @Inject
    JobService jobs;

    /**
     * The rows are checked against the organization's rules here, against the rows locked for the write, rather than in
     * a read of their own before: one read of the batch's existing risks, and nothing can change between the check and
     * the write. A refused row throws {@link Rejected}, so nothing of the batch commits. Returns the rows it created or
     * changed.
     */
    @CacheInvalidate(
            namespaces = RiskCache.RISK,
            changes = RiskCache.RISKS_CHANGED,
            negatives = {RiskCache.RISK, RiskCache.HISTORY})
    @Transactional
    public int write(
            @TenantId long orgId,
            long userId,
            long jobId,
            List<RiskImport.Planned> rows,
            MethodologyView m,
            Set<Long> knownOwners) {
        risks.commitWithoutWaitingForDisk();
        Map<String, Risk> existing = risks.byImportKeys(
                orgId, rows.stream().map(RiskImport.Planned::key).toList(), true);
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        RiskService.ImportRules rules = service.importRules(orgId, m, knownOwners);
        RiskService.ImportBatch batch = new RiskService.ImportBatch();
        for (RiskImport.Planned row : rows) {
            RiskContent content = row.content();
            Risk current = existing.get(row.key());
            try {
                service.checkImported(orgId, content, current, rules);
            } catch (ApiException e) {
                throw new Rejected(row, e);
            }
            switch (service.upsertImported(orgId, userId, row.key(), content, current, m, batch)) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }
        service.finishImported(orgId, userId, batch);
        jobs.progress(orgId, jobId, rows.size(), created, updated, unchanged);
        return created + updated;
    }
}
