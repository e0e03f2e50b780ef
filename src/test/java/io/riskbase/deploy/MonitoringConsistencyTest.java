package io.riskbase.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The compose file and monitoring/prometheus.yml agree on services and ports. */
class MonitoringConsistencyTest {

    private static final String PROMETHEUS = "monitoring/prometheus.yml";

    private final Compose compose = new Compose();

    @Test
    void aPrometheusConfigScrapingEveryNodeAndExporterIsConsistent() {
        assertEquals(List.of(), MonitoringConsistency.check(compose, yaml("""
                scrape_configs:
                  - job_name: prometheus
                    static_configs: [{targets: ['localhost:9090']}]
                  - job_name: riskbase
                    metrics_path: /metrics
                    static_configs: [{targets: ['riskbase-1:9080', 'riskbase-2:9080']}]
                  - job_name: redis
                    static_configs: [{targets: ['redis-exporter:9121']}]
                  - job_name: postgres
                    static_configs: [{targets: ['postgres-exporter:9187']}]
                alerting:
                  alertmanagers:
                    - static_configs: [{targets: ['alertmanager:9093']}]
                """)));
    }

    @Test
    void wrongPortsUnknownHostsAndUnscrapedServicesAreReported() {
        List<String> problems = MonitoringConsistency.check(compose, yaml("""
                scrape_configs:
                  - job_name: riskbase
                    metrics_path: /api/metrics
                    static_configs: [{targets: ['riskbase-1:9080', 'riskbase-2:9443', 'riskbase-3:9080']}]
                  - job_name: redis
                    static_configs: [{targets: ['redis-exporter:9121']}]
                alerting:
                  alertmanagers:
                    - static_configs: [{targets: ['alertmanager:9094']}]
                """));
        String all = String.join("\n", problems);
        assertTrue(all.contains("riskbase-2 does not expose 9443"), all);
        assertTrue(all.contains("riskbase-3:9080 is not a compose service"), all);
        assertTrue(all.contains("alertmanager does not expose 9094"), all);
        assertTrue(all.contains("postgres-exporter (ports [9187]) is not scraped"), all);
        assertTrue(all.contains("riskbase-2 (ports [9080]) is not scraped"), all);
        assertTrue(all.contains("scrapes /api/metrics"), all);
    }

    @Test
    void composeAndTheRepositorysPrometheusConfigAgree() throws IOException {
        assumeTrue(
                Project.exists(PROMETHEUS),
                PROMETHEUS + " does not exist yet (monitoring is delivered on its own branch)");
        Map<String, Object> prometheus = Project.yamlMap(Project.path(PROMETHEUS));
        List<String> problems = MonitoringConsistency.check(compose, prometheus);
        assertEquals(List.of(), problems, String.join("\n", problems));

        // compose mounts monitoring/ at /etc/prometheus, so rule files named relative to prometheus.yml must exist
        // there
        Object rules = prometheus.get("rule_files");
        if (rules instanceof List<?> patterns) {
            for (Object pattern : patterns) {
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
                Path monitoring = Project.path("monitoring");
                try (Stream<Path> files = Files.walk(monitoring)) {
                    assertTrue(
                            files.anyMatch(f -> matcher.matches(monitoring.relativize(f))),
                            "rule_files " + pattern + " matches nothing");
                }
            }
        }
        for (String service : List.of("prometheus", "alertmanager", "grafana")) {
            compose.bindMounts(service)
                    .keySet()
                    .forEach(source -> assertTrue(Files.exists(source), service + " mounts missing " + source));
        }
        // Grafana's dashboard provider must read the directory compose mounts the dashboards into
        Path providers = Project.path("monitoring/grafana/provisioning/dashboards");
        if (Files.isDirectory(providers)) {
            String mounted = compose.bindMounts("grafana").get(Project.path("monitoring/grafana/dashboards"));
            try (Stream<Path> files = Files.list(providers)) {
                for (Path provider :
                        files.filter(f -> f.toString().matches(".*\\.ya?ml")).toList()) {
                    for (Object p : Yamls.list(Project.yamlMap(provider), "providers")) {
                        String path = Yamls.string(p, "options", "path");
                        assertTrue(
                                path.startsWith(mounted),
                                provider + " reads " + path + " but compose mounts dashboards at " + mounted);
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) new Yaml().load(text);
    }
}
