package io.riskbase.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a Prometheus configuration with the compose file: every static target {@code host:port} must be a compose
 * service listening on that port ({@code localhost} is Prometheus itself), and every Riskbase node and exporter must be
 * scraped. Returns the inconsistencies, empty when none.
 */
final class MonitoringConsistency {

    private MonitoringConsistency() {}

    static List<String> check(Compose compose, Map<String, Object> prometheus) {
        List<String> problems = new ArrayList<>();
        Set<String> scraped = new TreeSet<>();
        for (Object job : Yamls.list(prometheus, "scrape_configs")) {
            String name = Yamls.string(job, "job_name");
            Object path = Yamls.get(job, "metrics_path");
            for (String target : staticTargets(job)) {
                String service = checkTarget(compose, "job " + name, target, problems);
                if (service != null) {
                    scraped.add(service + ":" + target.substring(target.lastIndexOf(':') + 1));
                    if (service.matches("riskbase-\\d+") && path != null && !"/metrics".equals(path)) {
                        problems.add("job " + name + " scrapes " + path + " but Riskbase serves /metrics");
                    }
                }
            }
        }
        Object alerting = Yamls.get(prometheus, "alerting", "alertmanagers");
        if (alerting instanceof List<?> managers) {
            for (Object manager : managers) {
                for (String target : staticTargets(manager)) {
                    checkTarget(compose, "alertmanagers", target, problems);
                }
            }
        }
        for (String service : compose.services().keySet()) {
            if (service.matches("riskbase-\\d+") || service.endsWith("-exporter")) {
                boolean covered =
                        compose.containerPorts(service).stream().anyMatch(p -> scraped.contains(service + ":" + p));
                if (!covered) {
                    problems.add(
                            service + " (ports " + compose.containerPorts(service) + ") is not scraped by any job");
                }
            }
        }
        return problems;
    }

    private static String checkTarget(Compose compose, String where, String target, List<String> problems) {
        int colon = target.lastIndexOf(':');
        if (colon < 0) {
            problems.add(where + ": target " + target + " has no port");
            return null;
        }
        String host = target.substring(0, colon);
        int port = Integer.parseInt(target.substring(colon + 1));
        String service = host.equals("localhost") || host.equals("127.0.0.1") ? "prometheus" : host;
        if (!compose.services().containsKey(service)) {
            problems.add(where + ": target " + target + " is not a compose service");
            return null;
        }
        if (!compose.containerPorts(service).contains(port)) {
            problems.add(where + ": " + service + " does not expose " + port + " (exposes "
                    + compose.containerPorts(service) + ")");
            return null;
        }
        return service;
    }

    private static List<String> staticTargets(Object config) {
        List<String> targets = new ArrayList<>();
        Object statics = Yamls.get(config, "static_configs");
        if (statics instanceof List<?> list) {
            for (Object entry : list) {
                Object t = Yamls.get(entry, "targets");
                if (t instanceof List<?> values) {
                    values.forEach(v -> targets.add(String.valueOf(v)));
                }
            }
        }
        return targets;
    }
}
