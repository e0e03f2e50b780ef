package io.riskbase.it.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A local PostgreSQL for benchmarks, from the same Maven-shipped binaries as the tests: runs until the process is
 * stopped, keeps its data in the given directory between runs.
 *
 * <pre>
 * mvn -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.riskbase.it.support.StandalonePostgres -Dexec.args="15432 target/bench-pg"
 * </pre>
 */
public final class StandalonePostgres {

    private StandalonePostgres() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 15432;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/bench-pg").toAbsolutePath();
        boolean fresh = !Files.exists(dir.resolve("PG_VERSION"));
        Files.createDirectories(dir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("work_mem", "16MB")
                .setServerConfig("maintenance_work_mem", "256MB")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }));
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = 'riskbase'")) {
                if (!rs.next()) {
                    s.execute("CREATE USER riskbase WITH PASSWORD 'riskbase'");
                    s.execute("CREATE DATABASE riskbase OWNER riskbase");
                }
            }
        }
        System.out.println("PostgreSQL ready (" + (fresh ? "new" : "existing") + " data in " + dir
                + "): DB_URL=jdbc:postgresql://127.0.0.1:" + port + "/riskbase DB_USER=riskbase DB_PASSWORD=riskbase");
        Thread.currentThread().join();
    }
}
