package io.riskbase.it.crash;

import io.riskbase.it.support.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster from the operating system's binaries (Debian's postgresql-15, which .ci/run installs), for what
 * needs the client tools of the server's own version: zonky's embedded server (PostgreSQL 18) ships no pg_dump, and a
 * pg_dump older than its server refuses to dump it. As root, initdb and the server run as the {@code postgres} user.
 */
final class DebianPostgres implements AutoCloseable {

    static final Path BIN = Path.of(System.getProperty("riskbase.pg.bin", "/usr/lib/postgresql/15/bin"));
    static final String USER = "riskbase";
    static final String PASSWORD = "riskbase-restore";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path dir;
    private final int port = Ports.free();

    private DebianPostgres(Path dir) {
        this.dir = dir;
    }

    /** Why these binaries cannot be used here, or null when they can. */
    static String unavailable() {
        for (String tool : List.of("initdb", "pg_ctl", "pg_dump", "pg_restore", "psql")) {
            if (!Files.isExecutable(BIN.resolve(tool))) {
                return BIN.resolve(tool) + " missing (apt-get install postgresql-15; .ci/run does)";
            }
        }
        return null;
    }

    /** A new, empty cluster with a {@code riskbase} database owned by {@code riskbase}, started. */
    static DebianPostgres start(String label) throws IOException {
        // under /tmp, not java.io.tmpdir (target/): the postgres user must be able to reach the directory
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "it-pg15-" + label + "-");
        DebianPostgres pg = new DebianPostgres(dir);
        if (ROOT) {
            exec(List.of("chown", "-R", "postgres:postgres", dir.toString()));
        }
        pg.asServerUser(List.of(
                BIN.resolve("initdb").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C"));
        pg.asServerUser(List.of(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-w",
                "-t",
                "120",
                "-o",
                "-p " + pg.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100",
                "start"));
        pg.psql(
                "postgres",
                "CREATE USER " + USER + " WITH PASSWORD '" + PASSWORD + "'",
                "CREATE DATABASE riskbase OWNER " + USER);
        return pg;
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/riskbase";
    }

    /** Runs SQL statements as the superuser on a database; returns the output (unaligned, tuples only). */
    String psql(String database, String... statements) {
        List<String> command = new ArrayList<>(List.of(
                BIN.resolve("psql").toString(),
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                "postgres",
                "-d",
                database));
        for (String s : statements) {
            command.add("-c");
            command.add(s);
        }
        return exec(command);
    }

    /** {@code pg_dump -Fc} of the riskbase database into the file. */
    void dump(Path file) {
        exec(List.of(
                BIN.resolve("pg_dump").toString(),
                "-Fc",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                "postgres",
                "-d",
                "riskbase",
                "-f",
                file.toString()));
    }

    /**
     * The restore step of docs/operations.md: {@code pg_restore --no-owner --role=riskbase} into the empty database.
     */
    void restore(Path file) {
        exec(List.of(
                BIN.resolve("pg_restore").toString(),
                "--no-owner",
                "--role=" + USER,
                "--exit-on-error",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                "postgres",
                "-d",
                "riskbase",
                file.toString()));
    }

    /**
     * Per table of the public schema: row count and an md5 over the md5 of every row's text, sorted (independent of
     * physical order), as "table count checksum" lines.
     */
    String checksums() {
        List<String> tables = psql(
                        "riskbase",
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                                + " AND table_type = 'BASE TABLE' ORDER BY 1")
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
        List<String> queries = new ArrayList<>();
        for (String t : tables) {
            queries.add(
                    "SELECT '" + t + "', count(*), coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))),"
                            + " '-') FROM public.\"" + t + "\" x");
        }
        return psql("riskbase", queries.toArray(String[]::new)).replace('|', ' ');
    }

    @Override
    public void close() {
        try {
            asServerUser(List.of(
                    BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "stop"));
        } catch (RuntimeException e) {
            // already stopped or never started; the directory goes anyway
        }
        exec(List.of("rm", "-rf", dir.toString()));
    }

    private void asServerUser(List<String> command) {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        exec(full);
    }

    static String exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
