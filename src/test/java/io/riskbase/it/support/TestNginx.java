package io.riskbase.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx running the compose gateway's own deploy/nginx/nginx.conf in front of one node. Only what ties it to
 * compose changes: the upstream is the node on 127.0.0.1, the TLS server listens on plain HTTP on a free loopback port
 * (its locations unchanged) and the redirecting server on another, and pid and logs live under target/. So what a test
 * sees through it (X-Forwarded-For, denied operator endpoints, gzip) is what the shipped gateway does.
 */
public final class TestNginx {

    private static final Path CONFIG = Path.of("deploy", "nginx", "nginx.conf");

    private final int port = Ports.free();
    private final Process process;
    private final Path dir;

    /** The nginx binary, when this machine has one (CI installs nginx-light). */
    public static Optional<Path> binary() {
        for (String candidate : new String[] {"/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"}) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    public TestNginx(String name, int upstreamPort) {
        dir = Path.of("target", "it-nginx", name).toAbsolutePath();
        try {
            Files.createDirectories(dir.resolve("logs"));
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, config(upstreamPort));
            process = new ProcessBuilder(
                            binary().orElseThrow().toString(),
                            "-p",
                            dir.toString(),
                            "-c",
                            conf.toString(),
                            "-e",
                            dir.resolve("logs/error.log").toString(),
                            "-g",
                            "daemon off;")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("logs/console.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Poll.until("nginx listening on " + port, Duration.ofSeconds(20), this::listening);
    }

    private String config(int upstreamPort) throws IOException {
        return Files.readString(CONFIG)
                .replaceAll("pid [^;]+;", "pid " + dir.resolve("nginx.pid") + ";")
                .replaceAll("(?m)^\\s*server riskbase-\\d+:\\d+[^;]*;\\n", "")
                .replace("keepalive 64;", "server 127.0.0.1:" + upstreamPort + ";\n        keepalive 64;")
                .replace("listen 8443 ssl;", "listen 127.0.0.1:" + port + ";")
                .replaceAll("(?m)^\\s*ssl_[a-z_]+ [^;]+;\\n", "")
                .replace("listen 8080;", "listen 127.0.0.1:" + Ports.free() + ";");
    }

    private boolean listening() {
        if (!process.isAlive()) {
            throw new IllegalStateException("nginx exited: see " + dir.resolve("logs"));
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
