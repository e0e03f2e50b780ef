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
 * A real PostgreSQL server (zonky's Maven-shipped binaries) on a loopback port, with a
 * {@code riskbase} database. It can be stopped and started again on the same port and data, for
 * outage tests.
 */
public final class TestPostgres {

    public static final String DATABASE = "riskbase";
    public static final String USER = "riskbase";
    public static final String PASSWORD = "riskbase-test";

    private final int port = Ports.free();
    private final Path dataDir;
    private EmbeddedPostgres server;

    public TestPostgres() {
        try {
            dataDir = Files.createTempDirectory("it-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE USER " + USER + " WITH PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the test database", e);
        }
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL", e);
        }
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** A data source on the server's maintenance database as the superuser (to create databases). */
    public DataSource superuserDataSource() {
        return server.getPostgresDatabase();
    }

    /** A data source on the application database as the application user. */
    public DataSource dataSource() {
        return server.getDatabase(USER, DATABASE);
    }
}
