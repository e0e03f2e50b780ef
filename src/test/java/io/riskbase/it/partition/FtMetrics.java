package io.riskbase.it.partition;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The breakers of a node's Redis callers ({@code RedisCalls}, the L2 commands, and {@code RedisBuckets}, the rate
 * limiter), read from its Prometheus text. Liberty 26 (MP Metrics 5.1, FT 4.0) names them
 * {@code ft_circuitbreaker_opened_total}, {@code ft_circuitbreaker_calls_total{circuitBreakerResult=…}},
 * {@code ft_timeout_calls_total{timedOut=…}} and {@code ft_circuitbreaker_state_total_nanoseconds{state=…}}, each with
 * {@code method="<class>.<method>"} and {@code mp_scope="base"}, in any label order. The rate limiter's breaker counts
 * too: on a slow link its call is a request's first, and once that has spent the request's Redis budget the L2 commands
 * are not called at all, so their breakers alone can read 0 while the node times calls out.
 */
final class FtMetrics {

    /** Summed over the Redis callers' methods; {@code readable} false when the text held none of their series. */
    record Breakers(
            boolean readable,
            long opened,
            long failures,
            long rejected,
            long timeouts,
            long halfOpenNanos,
            Map<String, Long> openedByMethod) {

        static final Breakers UNREADABLE = new Breakers(false, 0, 0, 0, 0, 0, Map.of());

        @Override
        public String toString() {
            if (!readable) {
                return "unreadable (no fault-tolerance series of RedisCalls or RedisBuckets in /metrics)";
            }
            return "opened " + opened + " times " + openedByMethod + ", failed calls " + failures + " (timed out "
                    + timeouts + "), calls refused while open " + rejected + ", half-open " + halfOpenNanos / 1_000_000
                    + " ms";
        }
    }

    private static final Pattern SERIES =
            Pattern.compile("^(ft_[A-Za-z0-9_]+)\\{([^}]*)\\}\\s+([-+0-9.eE]+|NaN)", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private FtMetrics() {}

    static Breakers parse(String text) {
        long opened = 0;
        long failures = 0;
        long rejected = 0;
        long timeouts = 0;
        double halfOpenNanos = 0;
        boolean readable = false;
        Map<String, Long> openedByMethod = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        Matcher m = SERIES.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            Map<String, String> labels = labels(m.group(2));
            String method = labels.getOrDefault("method", "");
            // /metrics?scope=base and /metrics list the same series: count each once
            if (!isRedisCaller(method) || !seen.add(name + labels) || m.group(3).equals("NaN")) {
                continue;
            }
            readable = true;
            double value = Double.parseDouble(m.group(3));
            String shortName = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
            switch (name) {
                case "ft_circuitbreaker_opened_total" -> {
                    opened += (long) value;
                    if (value > 0) {
                        openedByMethod.put(shortName, (long) value);
                    }
                }
                case "ft_circuitbreaker_calls_total" -> {
                    String result = labels.getOrDefault("circuitBreakerResult", "");
                    if (result.equals("failure")) {
                        failures += (long) value;
                    } else if (result.equals("circuitBreakerOpen")) {
                        rejected += (long) value;
                    }
                }
                case "ft_timeout_calls_total" -> {
                    if ("true".equals(labels.get("timedOut"))) {
                        timeouts += (long) value;
                    }
                }
                case "ft_circuitbreaker_state_total_nanoseconds" -> {
                    if ("halfOpen".equals(labels.get("state"))) {
                        halfOpenNanos += value;
                    }
                }
                case "ft_circuitbreaker_state_total_seconds" -> {
                    if ("halfOpen".equals(labels.get("state"))) {
                        halfOpenNanos += value * 1e9;
                    }
                }
                default -> {
                    // other fault-tolerance series (bulkheads, invocations) are not the breakers' figures
                }
            }
        }
        return readable
                ? new Breakers(true, opened, failures, rejected, timeouts, (long) halfOpenNanos, openedByMethod)
                : Breakers.UNREADABLE;
    }

    private static boolean isRedisCaller(String method) {
        return method.contains(".RedisCalls.") || method.contains(".RedisBuckets.");
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new TreeMap<>();
        Matcher l = LABEL.matcher(text);
        while (l.find()) {
            labels.put(l.group(1), l.group(2));
        }
        return labels;
    }
}
