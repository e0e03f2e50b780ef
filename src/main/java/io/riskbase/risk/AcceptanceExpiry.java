package io.riskbase.risk;

import io.riskbase.platform.persistence.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Returns risks whose approved acceptance expired to OPEN, due for review. Every node runs it on Liberty's managed
 * scheduler every {@code riskbase.acceptance.expiry-interval-s}; nodes may find the same expiry, and each one is
 * claimed by a conditional update ({@link AcceptanceRepository#claimExpired}) so exactly one node moves the risk and
 * writes one history entry. The move goes through {@link AcceptanceService#expire}, whose cache invalidation reaches
 * every node like any other risk write.
 */
@ApplicationScoped
public class AcceptanceExpiry {

    private static final Logger LOG = Logger.getLogger(AcceptanceExpiry.class.getName());

    @Inject
    AcceptanceRepository acceptances;

    @Inject
    AcceptanceService service;

    @Inject
    @ConfigProperty(name = "riskbase.acceptance.expiry-interval-s", defaultValue = "60")
    long intervalSeconds;

    @Inject
    @ConfigProperty(name = "riskbase.acceptance.expiry-batch", defaultValue = "200")
    int batch;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final AtomicLong expired = new AtomicLong();
    private ScheduledFuture<?> job;

    void start(@Observes SchemaReady ready) {
        if (intervalSeconds <= 0) {
            LOG.info("Acceptance expiry is off on this node (riskbase.acceptance.expiry-interval-s <= 0)");
            return;
        }
        job = scheduler.scheduleWithFixedDelay(this::run, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.cancel(false);
        }
    }

    /** One pass: every due expiry this node claims, in batches until none is left. */
    int run() {
        int moved = 0;
        try {
            List<AcceptanceRepository.Due> due;
            do {
                due = acceptances.expiredBefore(AcceptanceService.now(), batch);
                for (AcceptanceRepository.Due d : due) {
                    if (service.expire(d.orgId(), d.riskId(), d.id())) {
                        moved++;
                    }
                }
            } while (due.size() == batch);
        } catch (RuntimeException e) {
            // the next pass retries: an unclaimed expiry stays APPROVED and due
            LOG.log(Level.WARNING, "Acceptance expiry pass failed; retried in " + intervalSeconds + " s", e);
        }
        if (moved > 0) {
            expired.addAndGet(moved);
            LOG.info("Acceptance expiry: " + moved + " risk(s) returned to OPEN on this node");
        }
        return moved;
    }

    /** Expiries this node has carried out since it started. */
    public long expiredHere() {
        return expired.get();
    }
}
