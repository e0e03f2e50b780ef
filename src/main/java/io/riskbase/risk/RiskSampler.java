package io.riskbase.risk;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws plausible risks: low likelihood and impact more common than high (so LOW/MEDIUM dominate and CRITICAL is rare),
 * a quarter closed, creation dates skewed towards the recent past over two years, owners Zipf-like (a few people own
 * most risks), titles from a vocabulary that makes text search meaningful. Deterministic for a given {@link Random}
 * seed. Used by {@link DemoRiskSeeder} for the demo organization, and by the data generator (src/tools/java, not in the
 * WAR) for bulk loads.
 */
public final class RiskSampler {

    public static final List<String> CATEGORIES = List.of(
            "security", "compliance", "operational", "financial", "vendor", "privacy", "strategic", "technology");
    private static final int[] CATEGORY_WEIGHTS = {30, 15, 15, 8, 10, 8, 4, 10};
    private static final int[] LEVEL_WEIGHTS = {28, 30, 22, 13, 7};
    private static final RiskStatus[] STATUSES = {
        RiskStatus.OPEN, RiskStatus.MITIGATING, RiskStatus.ACCEPTED, RiskStatus.CLOSED
    };
    private static final int[] STATUS_WEIGHTS = {45, 20, 10, 25};

    private static final String[] ASSETS = {
        "VPN gateway",
        "customer database",
        "payroll system",
        "CI pipeline",
        "data warehouse",
        "mobile app",
        "office network",
        "backup storage",
        "identity provider",
        "payment service",
        "CRM",
        "email gateway",
        "laptop fleet",
        "Kubernetes cluster",
        "supplier portal",
        "HR records",
        "web shop",
        "ERP",
        "firewall",
        "API gateway"
    };
    private static final String[] THREATS = {
        "unpatched vulnerability",
        "ransomware infection",
        "credential stuffing",
        "misconfiguration",
        "data leak",
        "vendor outage",
        "insider misuse",
        "phishing campaign",
        "regulatory change",
        "capacity shortfall",
        "key person dependency",
        "expired certificate",
        "DDoS attack",
        "license non-compliance",
        "currency exposure",
        "supply chain delay",
        "missing encryption",
        "weak access review",
        "single point of failure",
        "shadow IT"
    };
    private static final String[] CONSEQUENCES = {
        "service disruption",
        "fines under GDPR",
        "loss of customer trust",
        "revenue loss",
        "audit finding",
        "data exfiltration",
        "contract penalties",
        "delayed releases",
        "fraud",
        "reporting errors"
    };
    private static final String[] TAGS = {
        "iso27001", "soc2", "gdpr", "pci", "cloud", "q3-review", "board", "third-party", "legacy", "audit-2025"
    };

    private final Random random;

    public RiskSampler(Random random) {
        this.random = random;
    }

    /** One drawn risk; {@code ownerIndex} indexes the organization's users (null: unowned). */
    public record Sample(
            String title,
            String description,
            String category,
            Severity severity,
            RiskStatus status,
            int likelihood,
            int impact,
            Integer ownerIndex,
            List<String> tags,
            LocalDate dueDate,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            OffsetDateTime closedAt,
            int residualLikelihood,
            int residualImpact,
            Integer targetLikelihood,
            Integer targetImpact) {
        public int score() {
            return likelihood * impact;
        }

        /** The three pairs scored with the default methodology; the target is null when there is none. */
        public Methodology.Assessment inherent() {
            return Methodology.DEFAULT.assess(likelihood, impact);
        }

        public Methodology.Assessment residual() {
            return Methodology.DEFAULT.assess(residualLikelihood, residualImpact);
        }

        /** Creation + the default review interval of the residual level; none for a closed risk. */
        public OffsetDateTime nextReviewAt() {
            if (status == RiskStatus.CLOSED) {
                return null;
            }
            return createdAt.plusDays(
                    Methodology.DEFAULT.level(residual().level()).reviewIntervalDays());
        }

        public Methodology.Assessment target() {
            return targetLikelihood == null ? null : Methodology.DEFAULT.assess(targetLikelihood, targetImpact);
        }

        RiskContent.Pair residualPair() {
            return new RiskContent.Pair(residualLikelihood, residualImpact);
        }

        RiskContent.Pair targetPair() {
            return targetLikelihood == null ? null : new RiskContent.Pair(targetLikelihood, targetImpact);
        }
    }

    public Sample next(int users, OffsetDateTime now) {
        String asset = pick(ASSETS);
        String threat = pick(THREATS);
        String consequence = pick(CONSEQUENCES);
        String title = capitalize(threat) + " in " + asset;
        String description = ("aeiou".indexOf(threat.charAt(0)) >= 0 ? "An " : "A ") + threat + " affecting the "
                + asset + " could lead to " + consequence
                + ". Identified during " + (random.nextBoolean() ? "the quarterly risk review" : "an internal audit")
                + "; owner to confirm mitigation and residual risk.";
        int likelihood = weighted(LEVEL_WEIGHTS) + 1;
        int impact = weighted(LEVEL_WEIGHTS) + 1;
        RiskStatus status = STATUSES[weighted(STATUS_WEIGHTS)];
        // squared uniform: most risks are recent, a long tail reaches back two years
        double u = random.nextDouble();
        OffsetDateTime created = now.minusSeconds(
                        (long) (u * u * Duration.ofDays(730).toSeconds()))
                .withNano(0);
        long ageSeconds = Duration.between(created, now).toSeconds();
        OffsetDateTime closed = null;
        if (status == RiskStatus.CLOSED) {
            long toClose = (long)
                    (-Math.log(1 - random.nextDouble()) * Duration.ofDays(30).toSeconds());
            closed = created.plusSeconds(Math.min(toClose, ageSeconds));
        }
        OffsetDateTime updated =
                closed != null ? closed : created.plusSeconds((long) (random.nextDouble() * ageSeconds));
        Integer owner = users == 0 || random.nextInt(10) == 0 ? null : zipf(users);
        List<String> tags = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            String tag = pick(TAGS);
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        LocalDate due = random.nextInt(10) < 7 ? created.toLocalDate().plusDays(30 + random.nextInt(150)) : null;
        // a generator of its own, so adding residual and target left every other drawn value as it was
        Random treatment = new Random(created.toEpochSecond() * 31 + likelihood * 7L + impact);
        int residualLikelihood = Math.max(1, likelihood - treatment.nextInt(3));
        int residualImpact = Math.max(1, impact - treatment.nextInt(2));
        boolean hasTarget = treatment.nextInt(10) < 6;
        Integer targetLikelihood = hasTarget ? Math.max(1, residualLikelihood - 1 - treatment.nextInt(2)) : null;
        Integer targetImpact = hasTarget ? Math.max(1, residualImpact - treatment.nextInt(2)) : null;
        return new Sample(
                title,
                description,
                CATEGORIES.get(weighted(CATEGORY_WEIGHTS)),
                Severity.forScore(likelihood * impact),
                status,
                likelihood,
                impact,
                owner,
                List.copyOf(tags),
                due,
                created,
                updated,
                closed,
                residualLikelihood,
                residualImpact,
                targetLikelihood,
                targetImpact);
    }

    private int zipf(int n) {
        // P(k) ~ 1/(k+1): the first users own most risks
        double total = 0;
        for (int k = 0; k < n; k++) {
            total += 1.0 / (k + 1);
        }
        double r = random.nextDouble() * total;
        for (int k = 0; k < n; k++) {
            r -= 1.0 / (k + 1);
            if (r <= 0) {
                return k;
            }
        }
        return n - 1;
    }

    private int weighted(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
