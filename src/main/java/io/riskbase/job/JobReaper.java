package io.riskbase.job;

import io.riskbase.platform.persistence.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finds jobs whose node died: a job still QUEUED, VALIDATING or RUNNING with no heartbeat for
 * {@code riskbase.jobs.stale-after-s} is marked FAILED with a reason that says to re-run the file (an import's re-run
 * resumes: the committed batches' rows come out unchanged). Every node looks every
 * {@code riskbase.jobs.reap-interval-s} on Liberty's managed scheduler; a worker heartbeats far more often than the
 * limit, and one that was only slow finds its job FAILED at its next batch and stops, that batch rolled back.
 */
@ApplicationScoped
public class JobReaper {

    private static final Logger LOG = Logger.getLogger(JobReaper.class.getName());

    @Inject
    JobService jobs;

    @Inject
    @ConfigProperty(name = "riskbase.jobs.stale-after-s", defaultValue = "300")
    long staleAfterSeconds;

    @Inject
    @ConfigProperty(name = "riskbase.jobs.reap-interval-s", defaultValue = "60")
    long intervalSeconds;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> task;

    void start(@Observes SchemaReady ready) {
        if (intervalSeconds <= 0) {
            LOG.info("Stale jobs are not looked for on this node (riskbase.jobs.reap-interval-s <= 0)");
            return;
        }
        task = scheduler.scheduleWithFixedDelay(this::run, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** One pass: the stale jobs this node marked. */
    int run() {
        try {
            OffsetDateTime cutoff = JobService.now().minusSeconds(staleAfterSeconds);
            int failed = jobs.failStale(cutoff, reason(staleAfterSeconds));
            if (failed > 0) {
                LOG.warning(failed + " job(s) without a heartbeat for " + staleAfterSeconds + " s marked FAILED");
            }
            return failed;
        } catch (RuntimeException e) {
            // the next pass retries; a stale job only stays RUNNING a little longer
            LOG.log(Level.WARNING, "Looking for stale jobs failed; retried in " + intervalSeconds + " s", e);
            return 0;
        }
    }

    static String reason(long staleAfterSeconds) {
        return jakarta.json.Json.createArrayBuilder()
                .add(jakarta.json.Json.createObjectBuilder()
                        .addNull("row")
                        .addNull("column")
                        .add(
                                "message",
                                "the node running this job stopped (no heartbeat for " + staleAfterSeconds
                                        + " s); what it committed stays: re-run the same file to resume"))
                .build()
                .toString();
    }
}
