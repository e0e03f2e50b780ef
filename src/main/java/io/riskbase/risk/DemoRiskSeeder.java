package io.riskbase.risk;

import io.riskbase.identity.DemoDataSeeder.DemoOrganizationCreated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Random;
import java.util.logging.Logger;

/**
 * Gives the demo organization a register worth looking at: about 60 risks spread over the past two years, in the
 * transaction that creates the organization (so it exists with its risks or not at all).
 */
@ApplicationScoped
public class DemoRiskSeeder {

    static final int DEMO_RISKS = 60;
    private static final Logger LOG = Logger.getLogger(DemoRiskSeeder.class.getName());

    @Inject
    RiskRepository risks;

    @Inject
    TaskRepository tasks;

    @Inject
    AcceptanceRepository acceptances;

    /**
     * Accepted risks were asked for by the analyst and approved by the admin; every fourth approval ends within 30 days
     * (the dashboard shows it), the others in half a year.
     */
    private void accept(Risk risk, RiskSampler.Sample s, DemoOrganizationCreated demo, OffsetDateTime now, int n) {
        if (s.status() != RiskStatus.ACCEPTED) {
            return;
        }
        RiskAcceptance acceptance =
                new RiskAcceptance(risk.getOrgId(), risk.getId(), demo.analystId(), s.updatedAt(), "Within appetite");
        OffsetDateTime until = now.plusDays(n % 4 == 0 ? 20 : 180);
        acceptance.approve(
                demo.adminId(), s.updatedAt(), "Treatment costs more than the expected loss; revisit at expiry", until);
        acceptances.add(acceptance);
        acceptances.flush();
        risk.acceptanceApproved(acceptance.getId(), until, s.updatedAt());
    }

    /** Risks being mitigated get a plan in progress, closed ones a finished task. */
    private void plan(Risk risk, RiskSampler.Sample s, long adminId) {
        if (s.status() != RiskStatus.MITIGATING && s.status() != RiskStatus.CLOSED) {
            return;
        }
        Long owner = risk.getOwnerId() != null ? risk.getOwnerId() : adminId;
        java.time.LocalDate due =
                s.dueDate() != null ? s.dueDate() : s.createdAt().toLocalDate().plusDays(60);
        boolean closed = s.status() == RiskStatus.CLOSED;
        task(risk, owner, "Put controls in place", due, closed ? TaskStatus.DONE : TaskStatus.IN_PROGRESS, s);
        if (!closed) {
            task(risk, owner, "Reassess the residual risk", due.plusDays(14), TaskStatus.OPEN, s);
        }
        tasks.recount(risk.getOrgId(), risk.getId());
    }

    private void task(
            Risk risk, Long owner, String title, java.time.LocalDate due, TaskStatus status, RiskSampler.Sample s) {
        RiskTask task = new RiskTask(risk.getOrgId(), risk.getId(), risk.getCreatedBy(), s.createdAt());
        task.apply(new RiskTask.Content(title, null, owner, due, status, null), s.updatedAt());
        tasks.add(task);
    }

    void seed(@Observes DemoOrganizationCreated demo) {
        RiskSampler sampler = new RiskSampler(new Random(20240601L));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        long[] owners = {demo.analystId(), demo.adminId()};
        for (int n = 0; n < DEMO_RISKS; n++) {
            RiskSampler.Sample s = sampler.next(owners.length, now);
            RiskContent content = new RiskContent(
                    s.title(),
                    s.description(),
                    s.category(),
                    s.severity(),
                    s.status(),
                    s.likelihood(),
                    s.impact(),
                    s.ownerIndex() == null ? null : owners[s.ownerIndex()],
                    s.tags(),
                    s.dueDate(),
                    s.residualPair(),
                    s.targetPair(),
                    switch (s.status()) {
                        case MITIGATING, CLOSED -> Strategy.MITIGATE;
                        case ACCEPTED -> Strategy.ACCEPT;
                        case OPEN -> null;
                    });
            Risk risk =
                    Risk.imported(demo.orgId(), demo.adminId(), content, s.createdAt(), s.updatedAt(), s.closedAt());
            risks.add(risk);
            risks.addHistory(new RiskHistory(
                    demo.orgId(),
                    risk.getId(),
                    RiskHistory.Action.CREATED,
                    demo.adminId(),
                    s.createdAt(),
                    RiskChanges.diff(Map.of(), RiskChanges.snapshot(risk))));
            plan(risk, s, demo.adminId());
            accept(risk, s, demo, now, n);
        }
        LOG.info(() -> "Demo organization: " + DEMO_RISKS + " risks added");
    }
}
