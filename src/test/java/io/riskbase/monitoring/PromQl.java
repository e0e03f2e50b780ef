package io.riskbase.monitoring;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads the PromQL expressions of monitoring/ (alert rules, Grafana dashboards) and the metric names they select, so
 * tests can hold them against a real scrape.
 *
 * <p>Why a hand-written name extractor and not a real tool: the real parser checks these expressions
 * (MonitoringConfigTest runs {@code promtool check rules} on the alerts and on every dashboard expression), so
 * {@link #metricNames} only has to find names in text promtool has already accepted. No available tool lists the
 * metrics an expression selects: promtool (Debian's 2.42, the version .ci/run installs) validates configs and rules,
 * runs rule unit tests and queries a running server; later promtools' experimental {@code promql format} and
 * {@code promql label-matchers} rewrite an expression but do not list its selectors; a rule unit test cannot tell
 * "metric missing" from "no result"; Prometheus' parser is Go and has no Java port on Maven Central.
 */
public final class PromQl {

    private static final Set<String> KEYWORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "and",
            "or",
            "unless",
            "offset",
            "bool",
            "inf",
            "nan",
            "atan2");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^{}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");
    private static final Pattern TOKEN = Pattern.compile("(?<duration>\\d+(?:ms|[smhdwy])(?:\\d+(?:ms|[smhdwy]))*\\b)"
            + "|(?<number>(?:0x[0-9a-fA-F]+|\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?|\\.\\d+))"
            + "|(?<ident>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\\s*\\()?");

    private PromQl() {}

    /** The metric names an expression selects: identifiers that are not functions, keywords, labels or literals. */
    public static Set<String> metricNames(String expr) {
        String s = STRING.matcher(expr).replaceAll("\"\"");
        s = VARIABLE.matcher(s).replaceAll(" 1 ");
        s = MATCHERS.matcher(s).replaceAll("{}");
        s = RANGE.matcher(s).replaceAll("[]");
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) {
            String ident = m.group("ident");
            if (ident != null && m.group("call") == null && !KEYWORDS.contains(ident.toLowerCase())) {
                names.add(ident);
            }
        }
        return names;
    }

    /** {@code name_bucket}, {@code _count}, {@code _sum}, {@code _max} → the histogram/timer family name. */
    public static String family(String name) {
        for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    /** Every alert expression of monitoring/alerts/*.yml, keyed "file: alert". */
    @SuppressWarnings("unchecked")
    public static Map<String, String> alertExpressions(Path monitoring) {
        Map<String, String> exprs = new java.util.LinkedHashMap<>();
        for (Path file : files(monitoring.resolve("alerts"), ".yml")) {
            try (Reader reader = Files.newBufferedReader(file)) {
                Map<String, Object> doc = new Yaml().load(reader);
                for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
                    for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                        String name = (String) (rule.containsKey("alert") ? rule.get("alert") : rule.get("record"));
                        exprs.put(file.getFileName() + ": " + name, String.valueOf(rule.get("expr")));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return exprs;
    }

    /** Every {@code expr} of every panel target in monitoring/grafana/dashboards/*.json, keyed "file: panel title". */
    public static Map<String, String> dashboardExpressions(Path monitoring) {
        Map<String, String> exprs = new java.util.LinkedHashMap<>();
        for (Path file : files(monitoring.resolve("grafana/dashboards"), ".json")) {
            try (JsonReader reader = Json.createReader(Files.newBufferedReader(file))) {
                collect(reader.readObject(), file.getFileName() + ": ", exprs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return exprs;
    }

    private static void collect(JsonValue value, String where, Map<String, String> out) {
        if (value instanceof JsonObject o) {
            String here =
                    o.containsKey("title") && o.get("title") instanceof JsonString t ? where + t.getString() : where;
            if (o.get("expr") instanceof JsonString e) {
                out.put(here + " #" + out.size(), e.getString());
            }
            o.values().forEach(v -> collect(v, here, out));
        } else if (value instanceof JsonArray a) {
            a.forEach(v -> collect(v, where, out));
        }
    }

    /** Non-comment, non-blank lines of a list file (pending-metrics.txt, external-metrics.txt). */
    public static Set<String> listFile(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            Set<String> names = new LinkedHashSet<>();
            lines.map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(names::add);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> files = new ArrayList<>(
                    list.filter(p -> p.toString().endsWith(suffix)).sorted().toList());
            if (files.isEmpty()) {
                throw new IllegalStateException("no *" + suffix + " in " + dir);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path monitoringDir() {
        String base = System.getProperty("project.dir", System.getProperty("basedir", "."));
        return Path.of(base, "monitoring").toAbsolutePath().normalize();
    }
}
