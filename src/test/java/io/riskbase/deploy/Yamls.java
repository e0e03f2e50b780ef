package io.riskbase.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Navigation in parsed YAML (maps and lists) with errors that name the missing path. */
final class Yamls {

    private Yamls() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object value = get(node, path);
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a mapping at " + String.join(".", path) + ", found " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String... path) {
        Object value = get(node, path);
        if (!(value instanceof List)) {
            throw new AssertionError("expected a list at " + String.join(".", path) + ", found " + value);
        }
        return (List<Object>) value;
    }

    static String string(Object node, String... path) {
        Object value = get(node, path);
        if (value == null) {
            throw new AssertionError("missing " + String.join(".", path));
        }
        return String.valueOf(value);
    }

    /** The value at the path, or null where any step is missing. */
    @SuppressWarnings("unchecked")
    static Object get(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(step);
        }
        return current;
    }

    /** A deep, mutable copy, so renderers can patch without touching what was parsed. */
    @SuppressWarnings("unchecked")
    static Object copy(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> result = new LinkedHashMap<>();
            m.forEach((k, v) -> result.put(String.valueOf(k), copy(v)));
            return result;
        }
        if (node instanceof List<?> l) {
            List<Object> result = new ArrayList<>();
            l.forEach(v -> result.add(copy(v)));
            return result;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copyMap(Map<String, Object> map) {
        return (Map<String, Object>) copy(map);
    }
}
