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
                    s.dueDate());
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
        }
        LOG.info(() -> "Demo organization: " + DEMO_RISKS + " risks added");
    }
}
