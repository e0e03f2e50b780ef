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

    public <Q extends Query> Q bind(Q query) {
        params.forEach(query::setParameter);
        return query;
    }
}
