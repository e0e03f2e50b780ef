package io.riskbase.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlQueryTest {

    @Test
    void namedParametersBecomePositionalWithCollectionsExpanded() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("org", 5L);
        params.put("statuses", List.of("OPEN", "CLOSED"));
        params.put("w0", "%a%");
        SqlQuery.Positional p = new SqlQuery(
                        "select x::text from r where r.org_id = :org and r.status in (:statuses)"
                                + " and r.t like :w0 escape '!' and r.c <> ':org'",
                        params)
                .positional();
        assertEquals(
                "select x::text from r where r.org_id = ? and r.status in (?, ?) and r.t like ? escape '!'"
                        + " and r.c <> ':org'",
                p.sql());
        assertEquals(List.of(5L, "OPEN", "CLOSED", "%a%"), p.values());
    }
}
