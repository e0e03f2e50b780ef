package io.riskbase.platform.persistence;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.hibernate.Session;

/**
 * Inserts many rows with multi-row {@code INSERT ... VALUES (...), (...)} statements on the persistence context's own
 * connection (so inside its transaction). For bulk writes of rows nothing reads back in the same transaction (history,
 * audit entries, outbox events): Hibernate sends an IDENTITY entity's insert one round trip at a time, which is what
 * made an import cost milliseconds per row. A JDBC batch of single-row inserts still made PostgreSQL execute each row
 * as a statement of its own; one statement per {@link #MAX_PARAMETERS} parameters is one execution (H2 and PostgreSQL
 * both take the multi-row form).
 */
public final class JdbcBatch {

    /**
     * Parameters per statement: below what a PostgreSQL protocol message can carry (a 16-bit count) with room to spare.
     */
    static final int MAX_PARAMETERS = 30_000;

    /** Binds one row's parameters: the row's column {@code n} (from 1) is parameter {@code at + n}. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement statement, int at, T row) throws SQLException;
    }

    private JdbcBatch() {}

    /**
     * Flushes what the persistence context holds first, so the rows land after the changes they follow.
     *
     * @param into {@code insert into table (column, ...)} without a {@code values} clause
     * @param columns how many columns {@code into} names
     */
    public static <T> void insert(EntityManager em, String into, int columns, List<T> rows, Binder<T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        em.flush();
        em.unwrap(Session.class).doWork(connection -> insert(connection, into, columns, rows, binder));
    }

    /**
     * As {@link #insert}, for rows whose generated {@code id} the caller needs (the history of a new risk names it):
     * the ids in the order of the rows.
     */
    public static <T> long[] insertReturningIds(
            EntityManager em, String into, int columns, List<T> rows, Binder<T> binder) {
        if (rows.isEmpty()) {
            return new long[0];
        }
        em.flush();
        return em.unwrap(Session.class)
                .doReturningWork(connection ->
                        insertReturningIds(connection, into, columns, rowsPerStatement(columns), rows, binder));
    }

    static <T> void insert(Connection connection, String into, int columns, List<T> rows, Binder<T> binder)
            throws SQLException {
        int per = rowsPerStatement(columns);
        for (int from = 0; from < rows.size(); from += per) {
            List<T> part = rows.subList(from, Math.min(rows.size(), from + per));
            try (PreparedStatement statement = connection.prepareStatement(sql(into, columns, part.size()))) {
                bind(statement, columns, part, binder);
                statement.executeUpdate();
            }
        }
    }

    /**
     * The ids one statement returns are sorted rather than taken in the order the database lists them: an identity
     * column numbers the rows of one {@code VALUES} list in their order, whatever order {@code RETURNING} (or H2's
     * generated keys) reports them in.
     */
    static <T> long[] insertReturningIds(
            Connection connection, String into, int columns, int per, List<T> rows, Binder<T> binder)
            throws SQLException {
        long[] ids = new long[rows.size()];
        for (int from = 0; from < rows.size(); from += per) {
            List<T> part = rows.subList(from, Math.min(rows.size(), from + per));
            String sql = sql(into, columns, part.size());
            try (PreparedStatement statement = connection.prepareStatement(sql, new String[] {"id"})) {
                bind(statement, columns, part, binder);
                statement.executeUpdate();
                int i = from;
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    while (keys.next()) {
                        if (i == from + part.size()) {
                            throw new SQLException("the insert returned more ids than it inserted rows");
                        }
                        ids[i++] = keys.getLong(1);
                    }
                }
                if (i != from + part.size()) {
                    throw new SQLException("the insert returned " + (i - from) + " ids for " + part.size() + " rows");
                }
                Arrays.sort(ids, from, i);
            }
        }
        return ids;
    }

    static int rowsPerStatement(int columns) {
        return Math.max(1, MAX_PARAMETERS / columns);
    }

    static String sql(String into, int columns, int rows) {
        String row = "(?" + ", ?".repeat(columns - 1) + ")";
        StringBuilder sql = new StringBuilder(into.length() + 8 + rows * (row.length() + 2));
        sql.append(into).append(" values ");
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "" : ", ").append(row);
        }
        return sql.toString();
    }

    private static <T> void bind(PreparedStatement statement, int columns, List<T> rows, Binder<T> binder)
            throws SQLException {
        int at = 0;
        for (T row : rows) {
            binder.bind(statement, at, row);
            at += columns;
        }
    }
}
