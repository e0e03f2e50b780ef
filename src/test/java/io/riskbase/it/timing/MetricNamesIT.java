package io.riskbase.it.timing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import io.riskbase.monitoring.PromQl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every metric name that an alert rule or a dashboard panel uses exists in a live /metrics scrape of a running node —
 * so renaming a metric (or a Liberty upgrade doing it) breaks the build. Names from other exporters are listed in
 * monitoring/external-metrics.txt; names of features not on this branch yet in monitoring/pending-metrics.txt, which
 * must not list anything already published.
 */
class MetricNamesIT {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);

    @Test
    void everyMetricUsedByAlertsAndDashboardsIsScraped() {
        RiskbaseEnvironment env = RiskbaseEnvironment.get();
        Api api = env.api();
        exerciseLazyMetrics(api);
        String scrape = api.withHeader("Accept", "text/plain")
                .get("/metrics")
                .expect(200)
                .body();
        Set<String> scraped = new HashSet<>();
        Matcher m = SAMPLE.matcher(scrape);
        while (m.find()) {
            scraped.add(m.group(1));
        }

        Path monitoring = PromQl.monitoringDir();
        Set<String> pending = PromQl.listFile(monitoring.resolve("pending-metrics.txt"));
        Set<String> external = PromQl.listFile(monitoring.resolve("external-metrics.txt"));
        Map<String, String> expressions = new LinkedHashMap<>(PromQl.alertExpressions(monitoring));
        expressions.putAll(PromQl.dashboardExpressions(monitoring));

        List<String> missing = new ArrayList<>();
        Set<String> used = new HashSet<>();
        expressions.forEach((where, expr) -> {
            for (String name : PromQl.metricNames(expr)) {
                used.add(name);
                if (!scraped.contains(name)
                        && !external.contains(name)
                        && !pending.contains(name)
                        && !pending.contains(PromQl.family(name))) {
                    missing.add(name + "  (" + where + ")");
                }
            }
        });
        assertTrue(
                missing.isEmpty(),
                "metrics used by monitoring/ but not in the /metrics scrape:\n  " + String.join("\n  ", missing));

        List<String> published = pending.stream()
                .filter(p -> scraped.stream()
                        .anyMatch(s -> s.equals(p) || PromQl.family(s).equals(p)))
                .toList();
        assertTrue(published.isEmpty(), "now published, remove from monitoring/pending-metrics.txt: " + published);
        List<String> unused = pending.stream()
                .filter(p -> used.stream()
                        .noneMatch(u -> u.equals(p) || PromQl.family(u).equals(p)))
                .toList();
        assertTrue(unused.isEmpty(), "pending-metrics.txt lists names no alert or panel uses: " + unused);
    }

    /** Metrics that only exist once something happened: HTTP routes, repository timers, 4xx. */
    private static void exerciseLazyMetrics(Api api) {
        Session admin = Tenants.signup(api, "metrics");
        admin.api().get("/api/v1/me").expect(200);
        admin.api().get("/api/v1/users").expect(200);
        admin.api().get("/api/v1/organization/settings").expect(200);
        admin.api().get("/api/v1/users/987654321").expect(404);
        // a fresh tenant's dashboard and search miss the cache and pass their bulkheads
        admin.api().get("/api/v1/dashboard/stats?period=30d").expect(200);
        admin.api().get("/api/v1/risks/search?q=vendor").expect(200);
        admin.api()
                .put(
                        "/api/v1/organization/settings",
                        java.util.Map.of(
                                "timezone",
                                "UTC",
                                "risk_appetite",
                                10,
                                "review_interval_days",
                                30,
                                "categories",
                                java.util.List.of("security"),
                                "notifications_enabled",
                                true))
                .expect(200);
        api.get("/health/ready").expect(200);
    }
}
