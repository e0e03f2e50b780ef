package io.riskbase.job;

import io.riskbase.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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
        find(orgId, id, true).state(state, now());
    }

    /** Counts a committed batch: must run in the transaction that writes it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void progress(long orgId, long id, int done, int created, int updated, int unchanged) {
        find(orgId, id, true).progress(done, created, updated, unchanged, now());
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
                .setParameter("org", orgId);
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultList().stream().findFirst().orElseThrow(() -> ApiException.notFound("Job " + id));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
