package io.riskbase.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The monitoring stack as Prometheus itself sees it: promtool validates the configuration and the rules and runs the
 * alert unit tests of monitoring/tests. promtool comes from Debian's {@code prometheus} package ({@code .ci/run}
 * installs it); without it this test fails, never skips.
 */
class MonitoringConfigTest {

    private static final Path MONITORING = PromQl.monitoringDir();

    @Test
    void prometheusConfigIsValid() {
        promtool("check", "config", MONITORING.resolve("prometheus.yml").toString());
    }

    @Test
    void alertRulesAreValid() {
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        PromQl.files(MONITORING.resolve("alerts"), ".yml").forEach(p -> args.add(p.toString()));
        promtool(args.toArray(String[]::new));
    }

    /**
     * Prometheus' own parser (promtool check rules) reads every dashboard expression, with Grafana's variables filled
     * in.
     */
    @Test
    void everyDashboardExpressionIsValidPromQl(@TempDir Path dir) throws IOException {
        Map<String, String> expressions = PromQl.dashboardExpressions(MONITORING);
        assertTrue(expressions.size() > 10, "dashboard expressions found: " + expressions.size());
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-expressions\n    rules:\n");
        int n = 0;
        for (String expr : expressions.values()) {
            String filled = expr.replace("$__rate_interval", "5m").replace("$instance", ".*");
            assertFalse(filled.contains("$"), "a Grafana variable this test does not fill in: " + expr);
            rules.append("      - record: dashboard:expression_")
                    .append(n++)
                    .append("\n        expr: '")
                    .append(filled.replace("'", "''"))
                    .append("'\n");
        }
        Path file = dir.resolve("dashboard-expressions.yml");
        Files.writeString(file, rules);
        String output = promtool("check", "rules", file.toString());
        assertTrue(output.contains(n + " rules found"), output);
    }

    @Test
    void everyAlertFiresOnUnhealthySeriesAndStaysSilentOnHealthyOnes() {
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        PromQl.files(MONITORING.resolve("tests"), ".yml").forEach(p -> args.add(p.toString()));
        String output = promtool(args.toArray(String[]::new));
        assertTrue(output.contains("SUCCESS"), output);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasAFiringAndASilentUnitTest() throws IOException {
        Map<String, String> alerts = PromQl.alertExpressions(MONITORING);
        StringBuilder tests = new StringBuilder();
        for (Path file : PromQl.files(MONITORING.resolve("tests"), ".yml")) {
            tests.append(Files.readString(file));
        }
        Map<String, Object> doc = new Yaml().load(tests.toString());
        List<Map<String, Object>> cases = (List<Map<String, Object>>) doc.get("tests");
        for (String key : alerts.keySet()) {
            String alert = key.substring(key.indexOf(": ") + 2);
            boolean fires = false;
            boolean silent = false;
            for (Map<String, Object> c : cases) {
                for (Map<String, Object> t : (List<Map<String, Object>>) c.get("alert_rule_test")) {
                    if (alert.equals(t.get("alertname"))) {
                        boolean expectsAlerts = !((List<?>) t.get("exp_alerts")).isEmpty();
                        fires |= expectsAlerts;
                        silent |= !expectsAlerts;
                    }
                }
            }
            assertTrue(fires && silent, alert + ": needs a test where it fires and one where it stays silent");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void alertmanagerRoutesBySeverityAndCriticalInhibitsWarnings() throws IOException {
        Map<String, Object> config;
        try (Reader reader = Files.newBufferedReader(MONITORING.resolve("alertmanager.yml"))) {
            config = new Yaml().load(reader);
        }
        Map<String, Object> route = (Map<String, Object>) config.get("route");
        List<String> routed = ((List<Map<String, Object>>) route.get("routes"))
                .stream()
                        .flatMap(r -> ((List<String>) r.get("matchers")).stream())
                        .toList();
        assertTrue(
                routed.contains("severity=\"critical\"") && routed.contains("severity=\"warning\""), routed.toString());
        List<String> receivers = ((List<Map<String, Object>>) config.get("receivers"))
                .stream().map(r -> (String) r.get("name")).toList();
        ((List<Map<String, Object>>) route.get("routes"))
                .forEach(r -> assertTrue(receivers.contains((String) r.get("receiver")), r.toString()));
        assertTrue(
                ((List<Map<String, Object>>) config.get("inhibit_rules"))
                        .stream()
                                .anyMatch(rule -> List.of("severity=\"critical\"")
                                                .equals(rule.get("source_matchers"))
                                        && List.of("severity=\"warning\"").equals(rule.get("target_matchers"))),
                "critical must inhibit warning");
        // every severity an alert uses is routed
        for (Path file : PromQl.files(MONITORING.resolve("alerts"), ".yml")) {
            for (String line : Files.readAllLines(file)) {
                if (line.strip().startsWith("severity:")) {
                    String severity =
                            line.strip().substring("severity:".length()).strip();
                    assertTrue(
                            routed.contains("severity=\"" + severity + "\""),
                            "severity " + severity + " is not routed");
                }
            }
        }
    }

    @Test
    void grafanaProvisioningPointsAtTheDashboardsAndPrometheus() throws IOException {
        String datasource = Files.readString(MONITORING.resolve("grafana/provisioning/datasources/prometheus.yml"));
        String dashboard = Files.readString(MONITORING.resolve("grafana/dashboards/riskbase-overview.json"));
        assertTrue(datasource.contains("uid: riskbase-prometheus"), datasource);
        assertTrue(dashboard.contains("\"uid\": \"riskbase-prometheus\""), "panels use the provisioned datasource");
        for (String title : List.of(
                "Request rate",
                "Latency p50 / p95 / p99",
                "Error rate",
                "Cache hit ratio per namespace and tier",
                "JDBC pool usage",
                "Heap")) {
            assertTrue(dashboard.contains("\"title\": \"" + title), "dashboard lacks panel " + title);
        }
    }

    static String promtool(String... args) {
        List<String> command = new ArrayList<>();
        command.add("promtool");
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail("promtool is not installed or not on PATH (" + e.getMessage() + "). Install it with "
                    + "'apt-get install -y prometheus' (Debian) — .ci/run does this — or put "
                    + "Prometheus' promtool on PATH.");
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish");
            }
            assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed:\n" + output);
            return output;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
