package io.riskbase.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What liberty/server.xml (and a pool profile) really configures: variables, features, endpoint ports. */
final class ServerConfig {

    private static final Pattern REFERENCE = Pattern.compile("^\\$\\{([A-Za-z0-9_.]+)}$");

    private final Document document;
    private final Map<String, String> defaults = new HashMap<>();

    private ServerConfig(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            document = factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse " + file, e);
        }
        for (Element variable : elements("variable")) {
            defaults.put(variable.getAttribute("name"), variable.getAttribute("defaultValue"));
        }
    }

    static ServerConfig server() {
        return new ServerConfig(Project.path("liberty/server.xml"));
    }

    static ServerConfig profile(String name) {
        return new ServerConfig(Project.path("liberty/profiles/" + name + ".xml"));
    }

    String variableDefault(String name) {
        String value = defaults.get(name);
        if (value == null) {
            throw new AssertionError("no <variable name=\"" + name + "\" defaultValue=…/>");
        }
        return value;
    }

    List<String> features() {
        List<String> features = new ArrayList<>();
        for (Element feature : elements("feature")) {
            features.add(feature.getTextContent().trim());
        }
        return features;
    }

    Element element(String tag) {
        List<Element> found = elements(tag);
        if (found.size() != 1) {
            throw new AssertionError("expected one <" + tag + ">, found " + found.size());
        }
        return found.get(0);
    }

    /** The variable an attribute is bound to, e.g. HTTP_PORT for {@code httpPort="${HTTP_PORT}"}. */
    String boundVariable(String tag, String attribute) {
        String value = element(tag).getAttribute(attribute);
        Matcher m = REFERENCE.matcher(value);
        if (!m.matches()) {
            throw new AssertionError("<" + tag + " " + attribute + "> is not a single variable: " + value);
        }
        return m.group(1);
    }

    /** The HTTP port a node listens on given the environment it is started with. */
    int httpPort(Map<String, String> environment) {
        String variable = boundVariable("httpEndpoint", "httpPort");
        return Integer.parseInt(environment.getOrDefault(variable, variableDefault(variable)));
    }

    private List<Element> elements(String tag) {
        NodeList nodes = document.getElementsByTagName(tag);
        List<Element> result = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }

    /** Seconds of a Liberty duration like {@code 180s} or {@code 3m}. */
    static long seconds(String duration) {
        Matcher m = Pattern.compile("(\\d+)([smh])").matcher(duration.trim());
        if (!m.matches()) {
            throw new AssertionError("unsupported duration " + duration);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> n;
            case "m" -> n * 60;
            default -> n * 3600;
        };
    }
}
