package io.riskbase.it.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server (zonky's Maven-shipped binaries) on a loopback port, with a {@code riskbase} database. It
 * can be stopped and started again on the same port and data, for outage tests.
 */
public final class TestPostgres {

    public static final String DATABASE = "riskbase";
    public static final String USER = "riskbase";
    public static final String PASSWORD = "riskbase-test";

    private final TestProcess<EmbeddedPostgres> process;

    public TestPostgres() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("it-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = new TestProcess<>(
                "PostgreSQL",
                port -> EmbeddedPostgres.builder()
                        .setPort(port)
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .start(),
                EmbeddedPostgres::close);
        try (Connection c = superuserDataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE USER " + USER + " WITH PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the test database", e);
        }
    }

    public void start() {
        process.start();
    }

    public void stop() {
        process.stop();
    }

    public int port() {
        return process.port();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /** A data source on the server's maintenance database as the superuser (to create databases). */
    public DataSource superuserDataSource() {
        return process.server().getPostgresDatabase();
    }

    /** A data source on the application database as the application user. */
    public DataSource dataSource() {
        return process.server().getDatabase(USER, DATABASE);
    }
}
