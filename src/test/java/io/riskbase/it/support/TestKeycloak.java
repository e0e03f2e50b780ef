package io.riskbase.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real OpenID Connect provider for the SSO tests: Keycloak's server distribution, which the build unpacks into
 * {@code target/keycloak} (pom.xml, unpack-keycloak). Built once with {@code kc.sh build} (kept in target/ until
 * {@code mvn clean}), then started optimized on HTTPS with a fresh dev-file database and the test realm imported
 * ({@code src/test/resources/sso/riskbase-test-realm.json}). Keycloak needs Java 21+; the application stays on 17.
 */
public final class TestKeycloak {

    public static final String REALM = "riskbase-test";
    public static final String CLIENT_ID = "riskbase";
    public static final String CLIENT_SECRET = "riskbase-sso-test-secret";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-" + Long.toHexString(System.nanoTime());
    private static final String STORE_PASSWORD = "sso-test-" + Long.toHexString(System.nanoTime());
    private static final Logger LOG = Logger.getLogger(TestKeycloak.class.getName());

    private final Path home;
    private final Path java;
    private final Path tlsDir;
    private final int httpPort = Ports.free();
    private final int httpsPort = Ports.free();
    private final int managementPort = Ports.free();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private long buildMillis;
    private long startMillis;
    private long launchedAt;

    private TestKeycloak(Path home, Path java) {
        this.home = home;
        this.java = java;
        this.tlsDir = Path.of("target", "sso-tls").toAbsolutePath();
    }

    /**
     * A Keycloak to start, its ports chosen. Without a Java 21+ on this machine the calling test is skipped — except
     * under CI=true, where a missing provider is a failure.
     */
    public static TestKeycloak create() {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.7.3"))
                .toAbsolutePath();
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            unavailable("Keycloak is not unpacked at " + home + " (run through 'mvn verify')");
        }
        Optional<Path> java = JavaHomes.atLeast(21);
        if (java.isEmpty()) {
            unavailable("Keycloak needs Java 21 or newer and none was found (KEYCLOAK_JAVA_HOME, JAVA_HOME, "
                    + "/usr/lib/jvm, /opt/java, /Library/Java/JavaVirtualMachines)");
        }
        return new TestKeycloak(home, java.get());
    }

    private static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why);
        }
        Assumptions.abort(why + " — SSO tests skipped (they fail instead when CI=true)");
    }

    /**
     * Starts Keycloak with the test realm, whose client accepts only {@code redirectUri}, without waiting for it (a
     * Liberty node can start meanwhile: its OIDC client reads the provider's discovery document at the first sign-in).
     * The TLS files exist when this returns.
     */
    public void launch(String redirectUri) {
        try {
            ensureBuilt();
            writeTls();
            Path data = home.resolve("data");
            deleteRecursively(data.resolve("h2"));
            Files.createDirectories(data.resolve("import"));
            String realm;
            try (InputStream in = TestKeycloak.class.getResourceAsStream("/sso/riskbase-test-realm.json")) {
                realm = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Files.writeString(
                    data.resolve("import/riskbase-test-realm.json"), realm.replace("__REDIRECT_URI__", redirectUri));
            long t0 = System.currentTimeMillis();
            ProcessBuilder builder = new ProcessBuilder(
                            home.resolve("bin/kc.sh").toString(),
                            "start",
                            "--optimized",
                            "--http-enabled=true",
                            "--http-host=127.0.0.1",
                            "--http-port=" + httpPort,
                            "--https-port=" + httpsPort,
                            "--https-key-store-file=" + tlsDir.resolve("keycloak.p12"),
                            "--https-key-store-password=" + STORE_PASSWORD,
                            "--http-management-port=" + managementPort,
                            "--hostname-strict=false",
                            "--import-realm")
                    .redirectErrorStream(true)
                    .redirectOutput(logFile().toFile());
            builder.environment().put("JAVA_HOME", java.toString());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            process = builder.start();
            launchedAt = t0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the test realm is served; returns the milliseconds since {@link #launch}. */
    public long awaitReady() {
        try {
            Poll.until(
                    "Keycloak realm " + REALM + " served",
                    Duration.ofMinutes(10),
                    Duration.ofSeconds(1),
                    () -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("Keycloak exited: " + tail());
                        }
                        return status(httpBase() + "/realms/" + REALM);
                    },
                    status -> status == 200);
        } catch (AssertionError e) {
            stop();
            throw new IllegalStateException(e.getMessage() + "\n" + tail(), e);
        }
        startMillis = System.currentTimeMillis() - launchedAt;
        LOG.info("Keycloak ready on " + httpsBase() + " in " + startMillis + " ms (kc.sh build: " + buildMillis
                + " ms, 0 when cached)");
        return startMillis;
    }

    /** {@code kc.sh build} once per unpacked distribution: it bakes the dev-file database into the server. */
    private void ensureBuilt() throws IOException {
        Path marker = home.resolve(".riskbase-built");
        if (Files.exists(marker)) {
            return;
        }
        long t0 = System.currentTimeMillis();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "build", "--db=dev-file")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("build.log").toFile());
        builder.environment().put("JAVA_HOME", java.toString());
        run(builder, 10, "kc.sh build (see " + home.resolve("build.log") + ")");
        buildMillis = System.currentTimeMillis() - t0;
        Files.writeString(marker, "kc.sh build --db=dev-file in " + buildMillis + " ms\n");
    }

    /** A self-signed certificate for Keycloak's HTTPS, and a trust store with it for Liberty's OIDC client. */
    private void writeTls() throws IOException {
        deleteRecursively(tlsDir);
        Files.createDirectories(tlsDir);
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(
                new ProcessBuilder(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        "keycloak",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1,dns:localhost",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        tlsDir.resolve("keycloak.p12").toString(),
                        "-storepass",
                        STORE_PASSWORD,
                        "-keypass",
                        STORE_PASSWORD),
                1,
                "keytool -genkeypair");
        run(
                new ProcessBuilder(
                        keytool,
                        "-exportcert",
                        "-rfc",
                        "-alias",
                        "keycloak",
                        "-keystore",
                        tlsDir.resolve("keycloak.p12").toString(),
                        "-storepass",
                        STORE_PASSWORD,
                        "-file",
                        tlsDir.resolve("keycloak.crt").toString()),
                1,
                "keytool -exportcert");
        run(
                new ProcessBuilder(
                        keytool,
                        "-importcert",
                        "-noprompt",
                        "-alias",
                        "keycloak",
                        "-file",
                        tlsDir.resolve("keycloak.crt").toString(),
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        trustStore().toString(),
                        "-storepass",
                        STORE_PASSWORD),
                1,
                "keytool -importcert");
    }

    private static void run(ProcessBuilder builder, int minutes, String what) throws IOException {
        if (builder.redirectOutput() == ProcessBuilder.Redirect.PIPE) {
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = builder.start();
        try {
            if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish in " + minutes + " min");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(what + " failed with exit code " + p.exitValue());
        }
    }

    /** kc.sh runs Java as its child: both are stopped, by their own process handles. */
    public void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        for (ProcessHandle child : children) {
            child.onExit().completeOnTimeout(child, 30, TimeUnit.SECONDS).join();
            child.destroyForcibly();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public long startMillis() {
        return startMillis;
    }

    public String issuer() {
        return httpsBase() + "/realms/" + REALM;
    }

    public String discoveryUrl() {
        return issuer() + "/.well-known/openid-configuration";
    }

    /** PKCS#12 trust store with Keycloak's certificate, password {@link #trustStorePassword()}. */
    public Path trustStore() {
        return tlsDir.resolve("truststore.p12");
    }

    public String trustStorePassword() {
        return STORE_PASSWORD;
    }

    /** Takes the user out of the group through Keycloak's admin REST API, as an IdP administrator would. */
    public void removeFromGroup(String username, String group) {
        String token = adminToken();
        JsonArray users = getJson(token, "/admin/realms/" + REALM + "/users?exact=true&username=" + username)
                .asJsonArray();
        String userId = users.getJsonObject(0).getString("id");
        String groupId = getJson(token, "/admin/realms/" + REALM + "/groups?search=" + group).asJsonArray().stream()
                .map(JsonValue::asJsonObject)
                .filter(g -> g.getString("name").equals(group))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no group " + group))
                .getString("id");
        HttpRequest delete = HttpRequest.newBuilder(
                        URI.create(httpBase() + "/admin/realms/" + REALM + "/users/" + userId + "/groups/" + groupId))
                .header("Authorization", "Bearer " + token)
                .DELETE()
                .build();
        int status = send(delete).statusCode();
        if (status != 204) {
            throw new IllegalStateException("removing " + username + " from " + group + ": " + status);
        }
    }

    private String adminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=" + ADMIN + "&password="
                + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(httpBase() + "/realms/master/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build());
        return Json.createReader(new StringReader(response.body())).readObject().getString("access_token");
    }

    private JsonValue getJson(String token, String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(httpBase() + path))
                .header("Authorization", "Bearer " + token)
                .build());
        return Json.createReader(new StringReader(response.body())).readValue();
    }

    private int status(String url) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String httpBase() {
        return "http://127.0.0.1:" + httpPort;
    }

    private String httpsBase() {
        return "https://127.0.0.1:" + httpsPort;
    }

    private Path logFile() {
        return Path.of("target", "keycloak-" + httpPort + ".log").toAbsolutePath();
    }

    private String tail() {
        return "--- Keycloak log tail ---\n" + LibertyNode.tail(logFile(), 40);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Where a Java of at least some version is installed on this machine. */
    static final class JavaHomes {

        private JavaHomes() {}

        static Optional<Path> atLeast(int feature) {
            List<Path> candidates = new ArrayList<>();
            for (String variable : List.of("KEYCLOAK_JAVA_HOME", "JAVA_HOME")) {
                String value = System.getenv(variable);
                if (value != null && !value.isBlank()) {
                    candidates.add(Path.of(value));
                }
            }
            candidates.add(Path.of(System.getProperty("java.home")));
            for (String root : List.of("/usr/lib/jvm", "/opt/java", "/Library/Java/JavaVirtualMachines")) {
                Path dir = Path.of(root);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> list = Files.list(dir)) {
                        list.sorted(Comparator.reverseOrder()).forEach(p -> {
                            candidates.add(p);
                            candidates.add(p.resolve("Contents/Home"));
                        });
                    } catch (IOException e) {
                        // an unreadable directory holds no usable Java
                    }
                }
            }
            return candidates.stream()
                    .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> version(home) >= feature)
                    .findFirst();
        }

        /** The feature version from the JDK's {@code release} file (JAVA_VERSION="25.0.1"), 0 when unknown. */
        static int version(Path home) {
            Path release = home.resolve("release");
            if (!Files.isRegularFile(release)) {
                return 0;
            }
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(release)) {
                properties.load(in);
            } catch (IOException e) {
                return 0;
            }
            String value = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
            String major = value.startsWith("1.") ? "8" : value.split("[.+-]")[0];
            try {
                return Integer.parseInt(major);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
