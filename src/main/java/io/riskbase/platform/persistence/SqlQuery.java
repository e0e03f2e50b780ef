package io.riskbase.platform.persistence;

import jakarta.persistence.Query;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A native SQL statement with named parameters ({@code :name}), built by plain code so that tests can run
 * {@code EXPLAIN} on exactly what the application executes.
 */
public record SqlQuery(String sql, Map<String, Object> params) {

    public SqlQuery {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * The statement for JDBC: each {@code :name} outside string literals becomes {@code ?} (a collection one {@code ?}
     * per element), with the values in that order.
     */
    public Positional positional() {
        StringBuilder out = new StringBuilder(sql.length());
        java.util.List<Object> values = new java.util.ArrayList<>();
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            boolean starts = !quoted
                    && c == ':'
                    && i + 1 < sql.length()
                    && Character.isJavaIdentifierStart(sql.charAt(i + 1))
                    && (i == 0 || sql.charAt(i - 1) != ':');
            if (!starts) {
                out.append(c);
                continue;
            }
            int end = i + 1;
            while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                end++;
            }
            String name = sql.substring(i + 1, end);
            if (!params.containsKey(name)) {
                throw new IllegalArgumentException("no value for :" + name);
            }
            Object value = params.get(name);
            if (value instanceof java.util.Collection<?> many) {
                out.append(String.join(", ", java.util.Collections.nCopies(many.size(), "?")));
                values.addAll(many);
            } else {
                out.append('?');
                values.add(value);
            }
            i = end - 1;
        }
        return new Positional(out.toString(), java.util.List.copyOf(values));
    }

    /** A statement with {@code ?} placeholders and their values in order. */
    public record Positional(String sql, java.util.List<Object> values) {}

    public <Q extends Query> Q bind(Q query) {
        params.forEach(query::setParameter);
        return query;
    }
}
