package io.riskbase.risk;

import java.time.LocalDate;
import java.util.List;

/**
 * The client-settable fields of a risk, already validated; what create, replace and patch all reduce to. Likelihood and
 * impact are the inherent pair; {@code residual} is never null (it defaults to the inherent pair), {@code target} and
 * {@code strategy} are null when the risk has none.
 */
public record RiskContent(
        String title,
        String description,
        String category,
        Severity severity,
        RiskStatus status,
        int likelihood,
        int impact,
        Long ownerId,
        List<String> tags,
        LocalDate dueDate,
        Pair residual,
        Pair target,
        Strategy strategy) {

    /** A (likelihood, impact) pair as a client sends it, before it is scored. */
    public record Pair(int likelihood, int impact) {}

    /** Today's fields only: the residual equals the inherent pair, no target. */
    public RiskContent(
            String title,
            String description,
            String category,
            Severity severity,
            RiskStatus status,
            int likelihood,
            int impact,
            Long ownerId,
            List<String> tags,
            LocalDate dueDate) {
        this(
                title,
                description,
                category,
                severity,
                status,
                likelihood,
                impact,
                ownerId,
                tags,
                dueDate,
                new Pair(likelihood, impact),
                null,
                null);
    }

    public RiskContent {
        if (residual == null) {
            residual = new Pair(likelihood, impact);
        }
    }

    RiskContent withStatus(RiskStatus newStatus) {
        return new RiskContent(
                title,
                description,
                category,
                severity,
                newStatus,
                likelihood,
                impact,
                ownerId,
                tags,
                dueDate,
                residual,
                target,
                strategy);
    }

    RiskContent withPairs(Pair inherent, Pair newResidual, Pair newTarget) {
        return new RiskContent(
                title,
                description,
                category,
                severity,
                status,
                inherent.likelihood(),
                inherent.impact(),
                ownerId,
                tags,
                dueDate,
                newResidual,
                newTarget,
                strategy);
    }
}
