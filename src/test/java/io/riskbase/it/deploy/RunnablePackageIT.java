package io.riskbase.it.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.Readiness;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runnable package for bare machines ({@code target/riskbase.jar}, built by liberty:package) started the documented
 * way, {@code java -jar riskbase.jar}, with the prod profile on the test PostgreSQL and Redis on loopback: it gets
 * ready and serves the API.
 */
class RunnablePackageIT {

    private static final Logger LOG = Logger.getLogger(RunnablePackageIT.class.getName());
    private static final Path PROJECT =
            Path.of(System.getProperty("project.dir", "")).toAbsolutePath();
    private static final Path JAR = PROJECT.resolve("target/riskbase.jar");
    private static final Path WORK = PROJECT.resolve("target/it-runnable");

    private static Process process;
    private static Api api;
    private static long readyMillis;

    @BeforeAll
    static void startThePackage() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " missing: liberty:package (package-runnable) did not run");
        Map<String, String> shared = RiskbaseEnvironment.get().nodeEnvironment();
        int httpPort = freePort();
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", JAR.toString())
                .directory(WORK.toFile())
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve("console.log").toFile());
        Map<String, String> env = builder.environment();
        for (String name : List.of(
                "DB_URL",
                "DB_USER",
                "DB_PASSWORD",
                "REDIS_URL",
                "RISKBASE_JWT_PRIVATE_KEY",
                "RISKBASE_JWT_PUBLIC_KEY")) {
            env.put(name, shared.get(name));
        }
        env.put("RISKBASE_PROFILE", "prod");
        // prod takes invitations only by default; this test signs up its own tenant
        env.put("RISKBASE_SIGNUP", "open");
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("HTTP_PORT", Integer.toString(httpPort));
        env.put("HTTPS_PORT", Integer.toString(freePort()));
        env.put("RISKBASE_DATA_DIR", WORK.resolve("data").toString());
        // the jar unpacks its runtime here (and removes it again when the server stops)
        env.put("WLP_JAR_EXTRACT_DIR", WORK.resolve("extract").toString());
        long start = System.currentTimeMillis();
        process = builder.start();
        api = new Api("http://127.0.0.1:" + httpPort);
        waitUntilReady(Duration.ofMinutes(3));
        readyMillis = System.currentTimeMillis() - start;
        LOG.info("runnable package ready in " + readyMillis + " ms; " + memoryReport());
    }

    @AfterAll
    static void stopThePackage() throws InterruptedException {
        if (process == null) {
            return;
        }
        // SIGTERM: the launcher stops the server it started in a child JVM
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void isReadyStartedAndLiveOnPostgresql() {
        String ready = api.get("/health/ready").expect(200).body();
        assertTrue(ready.contains("PostgreSQL"), ready);
        api.get("/health/started").expect(200);
        api.get("/health/live").expect(200);
    }

    @Test
    void runsTheProdPoolProfileGivenByTheEnvironment() {
        String metrics = api.withHeader("Accept", "text/plain")
                .get("/metrics")
                .expect(200)
                .body();
        assertTrue(
                metrics.contains("riskbase_pool_max_size{datasource=\"jdbc/riskbase\","
                        + "mp_scope=\"application\",profile=\"prod\",} 100.0"),
                "prod pool profile");
    }

    @Test
    void servesTheApiWithTheConfiguredSigningKey() {
        Tenants.Session admin = Tenants.signup(api, "runnable");
        String me = admin.api().get("/api/v1/me").expect(200).body();
        assertTrue(me.contains(admin.email()), me);
    }

    private static void waitUntilReady(Duration timeout) {
        Readiness.await(
                "runnable package",
                api.baseUrl(),
                timeout,
                process::isAlive,
                () -> "--- console ---\n" + tail(WORK.resolve("console.log")));
    }

    /** Heap and resident memory of the server JVM, logged to size container limits (docs/operations.md). */
    private static String memoryReport() {
        String metrics = api.withHeader("Accept", "text/plain")
                .get("/metrics?scope=base")
                .body();
        long rssKib = process.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .mapToLong(p -> residentKib(p.pid()))
                .max()
                .orElse(-1);
        long committedHeap = (long) metricValue(metrics, "memory_committedHeap_bytes");
        long usedHeap = (long) metricValue(metrics, "memory_usedHeap_bytes");
        return "heap used " + (usedHeap >> 20) + " MiB, heap committed " + (committedHeap >> 20)
                + " MiB, server JVM resident " + (rssKib >> 10) + " MiB, resident beyond committed heap "
                + ((rssKib >> 10) - (committedHeap >> 20)) + " MiB";
    }

    private static double metricValue(String metrics, String name) {
        Matcher m =
                Pattern.compile("(?m)^" + name + "\\{[^}]*}\\s+([0-9.eE+]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static long residentKib(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no console: " + e.getMessage() + ")";
        }
    }
}
