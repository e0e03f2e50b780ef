package io.riskbase.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real Open Liberty server running the built application, started with {@code bin/server start} from the runtime
 * the build installed, configured only through environment variables — the way an operator runs it. Each node gets its
 * own copy of the prepared server directory and free ports.
 */
public final class LibertyNode {

    private static final Path WLP = Path.of(System.getProperty("wlp.install.dir", "target/liberty/wlp"));
    private static final String TEMPLATE = "riskbase";
    /** How long a start or stop may take; a machine shared by several builds may need more ({@code -D}). */
    private static final long TIMEOUT_MINUTES = Long.getLong("it.node.timeout.minutes", 3);

    private final String name;
    private final int httpPort = Ports.free();
    private final int httpsPort = Ports.free();
    private final Map<String, String> environment = new HashMap<>();
    private final List<String> commandPrefix;
    private final String host;
    private long startMillis;

    public LibertyNode(String name, Map<String, String> environment) {
        this(name, environment, List.of(), "127.0.0.1");
    }

    /**
     * A node whose {@code bin/server} commands run behind {@code commandPrefix} (e.g. {@code ip netns exec rbp-b}, to
     * put it in a network namespace) and that listens on, and is reached at, {@code host}.
     */
    public LibertyNode(String name, Map<String, String> environment, List<String> commandPrefix, String host) {
        this.name = name;
        this.commandPrefix = List.copyOf(commandPrefix);
        this.host = host;
        this.environment.putAll(environment);
        this.environment.put("HTTP_PORT", Integer.toString(httpPort));
        this.environment.put("HTTPS_PORT", Integer.toString(httpsPort));
        this.environment.put("HTTP_HOST", host);
        // tests start dozens of nodes and measure no speed: ready without the self warm-up (bench/warmup-curve.sh
        // measures the default one)
        this.environment.putIfAbsent("RISKBASE_WARMUP_SECONDS", "0");
        this.environment.putIfAbsent(
                "RISKBASE_DATA_DIR",
                Path.of("target", "it-data", name).toAbsolutePath().toString());
        prepareServerDirectory();
    }

    private void prepareServerDirectory() {
        Path template = WLP.resolve("usr/servers").resolve(TEMPLATE);
        Path target = serverDir();
        if (!Files.isRegularFile(template.resolve("server.xml"))) {
            throw new IllegalStateException("No prepared Liberty server at " + template + ": run through 'mvn verify'");
        }
        try {
            deleteRecursively(target);
            try (Stream<Path> files = Files.walk(template)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path relative = template.relativize(source);
                    if (relative.startsWith("logs") || relative.startsWith("workarea")) {
                        continue;
                    }
                    Path dest = target.resolve(relative.toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(source, dest);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** More environment for the next start: values that depend on this node's ports, known once it is created. */
    public void putEnvironment(Map<String, String> more) {
        environment.putAll(more);
    }

    public Path serverDir() {
        return WLP.resolve("usr/servers").resolve(name);
    }

    public Path messagesLog() {
        return serverDir().resolve("logs/messages.log");
    }

    public String baseUrl() {
        return "http://" + host + ":" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The HTTPS port; something listens there only when the node runs with {@code RISKBASE_TLS=on}. */
    public int httpsPort() {
        return httpsPort;
    }

    /** Starts the server and waits until {@code /health/ready} answers 200; returns the milliseconds that took. */
    public long start() {
        startMillis = System.currentTimeMillis();
        run("start");
        waitUntilReady(Duration.ofMinutes(TIMEOUT_MINUTES));
        return System.currentTimeMillis() - startMillis;
    }

    public void stop() {
        run("stop");
    }

    /**
     * The server's Java process, from the pid file {@code bin/server start} writes (the JVM itself, not the launch
     * script, which has exited by then).
     */
    public ProcessHandle process() {
        Path pidFile = WLP.resolve("usr/servers/.pid").resolve(name + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid)
                    .orElseThrow(() -> new IllegalStateException("no process " + pid + " for " + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(String action) {
        List<String> command = new java.util.ArrayList<>(commandPrefix);
        command.addAll(List.of(WLP.resolve("bin/server").toString(), action, name));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(WLP.resolve("usr/servers")
                        .resolve(name + "-" + "control.log")
                        .toFile()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("server " + action + " " + name + " did not return");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void waitUntilReady(Duration timeout) {
        Readiness.await(
                "Liberty node " + name,
                baseUrl(),
                timeout,
                () -> true,
                () -> "--- messages.log tail ---\n" + tail(messagesLog(), 60));
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
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
}
