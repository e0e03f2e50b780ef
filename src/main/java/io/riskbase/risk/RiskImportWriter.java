package io.riskbase.risk;

import io.riskbase.job.JobService;
import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/**
 * Writes one batch of an import: the rows and the job's progress commit together, and the risk caches of the
 * organization are invalidated once for the batch (all single-risk entries by one generation bump, the lists by the
 * change), not once per row. History, audit entries and events of the batch are written together
 * ({@link RiskService#finishImported}): one lock of the audit chain and of the outbox per batch, one round trip each.
 */
@ApplicationScoped
public class RiskImportWriter {

    @Inject
    RiskService service;

    @Inject
    RiskRepository risks;

    @Inject
    JobService jobs;

    @CacheInvalidate(
            namespaces = RiskCache.RISK,
            changes = RiskCache.RISKS_CHANGED,
            negatives = {RiskCache.RISK, RiskCache.HISTORY})
    @Transactional
    public void write(@TenantId long orgId, long userId, long jobId, List<RiskImport.Planned> rows, MethodologyView m) {
        Map<String, Risk> existing = risks.byImportKeys(
                orgId, rows.stream().map(RiskImport.Planned::key).toList(), true);
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        RiskService.ImportBatch batch = new RiskService.ImportBatch();
        for (RiskImport.Planned row : rows) {
            RiskContent content = row.content();
            switch (service.upsertImported(orgId, userId, row.key(), content, existing.get(row.key()), m, batch)) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }
        service.finishImported(orgId, userId, batch);
        jobs.progress(orgId, jobId, rows.size(), created, updated, unchanged);
    }
}
