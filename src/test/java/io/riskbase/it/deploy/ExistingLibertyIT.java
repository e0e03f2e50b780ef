package io.riskbase.it.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.Ports;
import io.riskbase.it.support.Readiness;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/existing-liberty.md, done as written: a plain Jakarta EE 10 server created from the Open Liberty runtime gets
 * only the files that page lists (read from the page itself), the WAR and the PostgreSQL driver, and serves Riskbase.
 */
class ExistingLibertyIT {

    private static final Path PROJECT =
            Path.of(System.getProperty("project.dir", "")).toAbsolutePath();
    private static final Path WLP = Path.of(System.getProperty("wlp.install.dir", "target/liberty/wlp"));
    private static final Path GUIDE = PROJECT.resolve("docs/existing-liberty.md");
    /** A fenced block the guide marks as a file of the server: {@code <!-- file: path [(append)] -->}. */
    private static final Pattern FILE_BLOCK =
            Pattern.compile("<!-- file: (\\S+)( \\(append\\))? -->\\s*```[a-z]*\\n(.*?)```", Pattern.DOTALL);

    private static final String NAME = "existing-" + ProcessHandle.current().pid();
    private static final Path SERVER = WLP.resolve("usr/servers").resolve(NAME);
    private static Api api;

    @BeforeAll
    static void deployIntoAPlainServer() throws IOException {
        server("create", "--template=jakartaee10");
        int httpPort = Ports.free();
        Path serverXml = SERVER.resolve("server.xml");
        // the operator's own server: its own ports, nothing of Riskbase in its server.xml
        Files.writeString(
                serverXml,
                Files.readString(serverXml)
                        .replace("httpPort=\"9080\"", "host=\"127.0.0.1\" httpPort=\"" + httpPort + "\"")
                        .replace("httpsPort=\"9443\"", "httpsPort=\"" + Ports.free() + "\""));
        Map<String, String> files = documentedFiles();
        assertEquals(List.of("configDropins/overrides/riskbase.xml", "jvm.options"), List.copyOf(files.keySet()));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = SERVER.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        Files.createDirectories(SERVER.resolve("apps"));
        Files.copy(PROJECT.resolve("target/riskbase.war"), SERVER.resolve("apps/riskbase.war"));
        Files.createDirectories(SERVER.resolve("lib/riskbase"));
        Files.copy(
                WLP.resolve("usr/servers/riskbase/lib/global/postgresql.jar"),
                SERVER.resolve("lib/riskbase/postgresql.jar"));

        server("start");
        api = new Api("http://127.0.0.1:" + httpPort);
        Readiness.await(
                "existing Liberty server " + NAME,
                api.baseUrl(),
                Duration.ofMinutes(3),
                () -> true,
                () -> "--- messages.log ---\n" + tail(SERVER.resolve("logs/messages.log")));
    }

    @AfterAll
    static void stopTheServer() {
        if (Files.isDirectory(SERVER)) {
            server("stop");
        }
    }

    @Test
    void isReadyOnPostgresql() {
        String ready = api.get("/health/ready").expect(200).body();
        assertTrue(ready.contains("PostgreSQL"), ready);
    }

    @Test
    void servesTheApi() {
        Tenants.Session admin = Tenants.signup(api, "existing");
        assertTrue(admin.api().get("/api/v1/me").expect(200).body().contains(admin.email()));
    }

    @Test
    void startedWithoutConfigurationErrors() throws IOException {
        String log = Files.readString(SERVER.resolve("logs/messages.log"));
        // CWWKG: configuration errors, CWWKF0033E/0001E: conflicting or missing features
        assertFalse(
                Pattern.compile("CWWKG\\d{4}E|CWWKF\\d{4}E").matcher(log).find(),
                tail(SERVER.resolve("logs/messages.log")));
    }

    /** The files the guide tells an operator to add, in order: path → content. */
    static Map<String, String> documentedFiles() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = FILE_BLOCK.matcher(Files.readString(GUIDE));
        while (m.find()) {
            files.put(m.group(1), m.group(3));
        }
        return files;
    }

    private static void server(String action, String... options) {
        List<String> command =
                new java.util.ArrayList<>(List.of(WLP.resolve("bin/server").toString(), action, NAME));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(WLP.resolve("usr/servers")
                        .resolve(NAME + "-control.log")
                        .toFile()));
        Map<String, String> shared = RiskbaseEnvironment.get().nodeEnvironment();
        for (String name : List.of(
                "DB_URL",
                "DB_USER",
                "DB_PASSWORD",
                "REDIS_URL",
                "RISKBASE_JWT_PRIVATE_KEY",
                "RISKBASE_JWT_PUBLIC_KEY")) {
            builder.environment().put(name, shared.get(name));
        }
        builder.environment().put("RISKBASE_PROFILE", "prod");
        // prod takes invitations only by default; this test signs up its own tenant
        builder.environment().put("RISKBASE_SIGNUP", "open");
        builder.environment().put("RISKBASE_DATA_DIR", SERVER.resolve("data").toString());
        builder.environment().put("RISKBASE_WARMUP_SECONDS", "0"); // like every test node (LibertyNode)
        try {
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("server " + action + " " + NAME + " did not return");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
