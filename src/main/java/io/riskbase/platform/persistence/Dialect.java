package io.riskbase.platform.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Which database is behind the pool: a few queries (text search) have a PostgreSQL-only fast path. */
@ApplicationScoped
public class Dialect {

    @Resource(lookup = "jdbc/riskbase")
    DataSource dataSource;

    private boolean postgres;

    @PostConstruct
    void detect() {
        try (Connection c = dataSource.getConnection()) {
            postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database: " + e.getMessage(), e);
        }
    }

    public boolean isPostgres() {
        return postgres;
    }
}
