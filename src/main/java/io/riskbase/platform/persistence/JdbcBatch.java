package io.riskbase.platform.persistence;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.hibernate.Session;

/**
 * Inserts many rows in one JDBC batch on the persistence context's own connection (so inside its transaction). For bulk
 * writes of rows nothing reads back in the same transaction (history, audit entries, outbox events): Hibernate sends an
 * IDENTITY entity's insert one round trip at a time, which is what made an import cost milliseconds per row.
 */
public final class JdbcBatch {

    /** Binds one row's parameters to the statement. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private JdbcBatch() {}

    /** Flushes what the persistence context holds first, so the batch lands after the changes it follows. */
    public static <T> void insert(EntityManager em, String sql, List<T> rows, Binder<T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (T row : rows) {
                    binder.bind(statement, row);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }

    /**
     * As {@link #insert}, for rows whose generated {@code id} the caller needs (the history of a new risk names it):
     * the ids in the order of the rows. PostgreSQL's driver pipelines the batch with {@code RETURNING id}; H2 returns
     * the keys of a batch too.
     */
    public static <T> long[] insertReturningIds(EntityManager em, String sql, List<T> rows, Binder<T> binder) {
        long[] ids = new long[rows.size()];
        if (rows.isEmpty()) {
            return ids;
        }
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql, new String[] {"id"})) {
                for (T row : rows) {
                    binder.bind(statement, row);
                    statement.addBatch();
                }
                statement.executeBatch();
                int i = 0;
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    while (keys.next()) {
                        if (i == ids.length) {
                            throw new SQLException("the batch returned more ids than it inserted rows");
                        }
                        ids[i++] = keys.getLong(1);
                    }
                }
                if (i != ids.length) {
                    throw new SQLException("the batch returned " + i + " ids for " + ids.length + " rows");
                }
            }
        });
        return ids;
    }
}
