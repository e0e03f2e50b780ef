package io.riskbase.platform.persistence;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Inlines the parameters of a {@link SqlQuery} as literals, to run or EXPLAIN it over plain JDBC. */
public final class SqlLiterals {

    private static final Pattern PARAM = Pattern.compile("(?<![:\\w]):([A-Za-z_][A-Za-z0-9_]*)");
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSXXX");

    private SqlLiterals() {}

    public static String inline(SqlQuery query) {
        Matcher m = PARAM.matcher(query.sql());
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!query.params().containsKey(name)) {
                throw new IllegalArgumentException("no value for :" + name + " in " + query.sql());
            }
            m.appendReplacement(
                    sql, Matcher.quoteReplacement(literal(query.params().get(name))));
        }
        m.appendTail(sql);
        return sql.toString();
    }

    private static String literal(Object value) {
        if (value instanceof Collection<?> values) {
            return values.stream().map(SqlLiterals::literal).collect(Collectors.joining(", "));
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof OffsetDateTime t) {
            return "TIMESTAMP WITH TIME ZONE '" + TS.format(t) + "'";
        }
        if (value instanceof LocalDate d) {
            return "DATE '" + d + "'";
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }
}
