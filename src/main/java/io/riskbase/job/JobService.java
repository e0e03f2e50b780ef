package io.riskbase.job;

import io.riskbase.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Jobs of one organization: every read and write names the organization, so another organization's job id is a 404.
 * {@link #progress} joins the caller's transaction, which is how a job's counters only ever show committed work.
 */
@ApplicationScoped
public class JobService {

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long create(long orgId, String kind, Long userId, int rowsTotal) {
        Job job = new Job(orgId, kind, userId, rowsTotal, now());
        em.persist(job);
        em.flush();
        return job.getId();
    }

    @Transactional
    public JobView get(long orgId, long id) {
        return JobView.of(find(orgId, id, false));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void state(long orgId, long id, Job.State state) {
        Job job = find(orgId, id, true);
        if (!job.active()) {
            throw new Lost(id, job.getState());
        }
        job.state(state, now());
    }

    /**
     * Counts a committed batch: must run in the transaction that writes it. A job no longer active (found stale while
     * its worker was only slow) takes no more batches: {@link Lost} rolls this one back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void progress(long orgId, long id, int done, int created, int updated, int unchanged) {
        Job job = find(orgId, id, true);
        if (!job.active()) {
            throw new Lost(id, job.getState());
        }
        job.progress(done, created, updated, unchanged, now());
    }

    /** The worker is still at it (between batches, or validating); {@link Lost} if the job is no longer active. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void heartbeat(long orgId, long id) {
        Job job = find(orgId, id, true);
        if (!job.active()) {
            throw new Lost(id, job.getState());
        }
        job.beat(now());
    }

    /**
     * Marks every active job whose heartbeat is older than {@code cutoff} FAILED, with {@code errorsJson} as its
     * errors. One conditional update: when several nodes look at once, each job is marked once.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int failStale(OffsetDateTime cutoff, String errorsJson) {
        OffsetDateTime now = now();
        return em.createQuery("update Job j set j.state = :failed, j.errorCount = j.errorCount + 1, j.errors = :errors,"
                        + " j.updatedAt = :now, j.finishedAt = :now"
                        + " where j.state in :active and j.heartbeatAt < :cutoff")
                .setParameter("failed", Job.State.FAILED)
                .setParameter("errors", errorsJson)
                .setParameter("now", now)
                .setParameter("active", java.util.List.of(Job.State.QUEUED, Job.State.VALIDATING, Job.State.RUNNING))
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }

    /** The job was finished elsewhere (found stale) while this worker still held it. */
    public static final class Lost extends RuntimeException {
        Lost(long id, Job.State state) {
            super("job " + id + " is " + state + ": its worker stops", null, false, false);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void fail(long orgId, long id, int errorCount, String errorsJson) {
        Job job = find(orgId, id, true);
        job.errors(errorCount, errorsJson);
        job.state(Job.State.FAILED, now());
    }

    private Job find(long orgId, long id, boolean lock) {
        var query = em.createQuery("select j from Job j where j.id = :id and j.orgId = :org", Job.class)
                .setParameter("id", id)
                .setParameter("org", orgId)
                // a job is read before any change to it; flushing first would dirty-check a whole import batch for it
                .setFlushMode(FlushModeType.COMMIT);
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultList().stream().findFirst().orElseThrow(() -> ApiException.notFound("Job " + id));
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
