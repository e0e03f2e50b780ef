package io.riskbase.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The settings Riskbase really reads, found in its sources rather than listed by hand: server.xml variables and
 * {@code ${…}} references (Liberty resolves them from environment variables of the same name), MicroProfile Config
 * names in {@code @ConfigProperty} and config lookups, and the keys of microprofile-config.properties. MicroProfile
 * Config also finds a key {@code a.b-c} in the environment variable {@code A_B_C}, so a property counts under that name
 * too.
 */
final class ApplicationSettings {

    private static final Pattern CONFIG_PROPERTY =
            Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_LOOKUP = Pattern.compile("get(?:Optional)?Value\\s*\\(\\s*\"([^\"]+)\"");
    private static final Pattern XML_VARIABLE = Pattern.compile("<variable\\s+name=\"([^\"]+)\"");
    private static final Pattern XML_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)}");
    private static final Pattern PROPERTY_KEY = Pattern.compile("(?m)^\\s*([^#!\\s=:]+)\\s*[=:]");
    private static final Pattern README_ROW = Pattern.compile("(?m)^\\|([^|]*)\\|");
    private static final Pattern README_NAME = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    private ApplicationSettings() {}

    /** Environment variable names the application or its server configuration reads. */
    static Set<String> readByApplication() {
        Set<String> names = new TreeSet<>();
        for (Path source : files(Project.path("src/main/java"), ".java")) {
            String text = Project.read(source);
            addMatches(names, CONFIG_PROPERTY, text);
            addMatches(names, CONFIG_LOOKUP, text);
        }
        for (Path xml : files(Project.path("liberty"), ".xml")) {
            String text = Project.read(xml);
            addMatches(names, XML_VARIABLE, text);
            addMatches(names, XML_REFERENCE, text);
        }
        addMatches(names, PROPERTY_KEY, Project.read("src/main/resources/META-INF/microprofile-config.properties"));
        Set<String> environmentNames = new TreeSet<>();
        for (String name : names) {
            environmentNames.add(name);
            environmentNames.add(name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
        }
        return environmentNames;
    }

    /** Variable names in the first column of the README's configuration table. */
    static Set<String> documentedInReadme() {
        String readme = Project.read("README.md");
        int start = readme.indexOf("## Configuration");
        if (start < 0) {
            throw new AssertionError("README.md has no '## Configuration' section");
        }
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> names = new TreeSet<>();
        Matcher rows = README_ROW.matcher(section);
        while (rows.find()) {
            addMatches(names, README_NAME, rows.group(1));
        }
        return names;
    }

    private static void addMatches(Set<String> names, Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
    }

    private static Iterable<Path> files(Path root, String suffix) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
