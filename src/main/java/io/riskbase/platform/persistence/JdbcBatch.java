package io.riskbase.platform.persistence;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
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
}
