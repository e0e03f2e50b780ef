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
 * A real nginx in front of one node, configured like the compose gateway's {@code location /}
 * (deploy/nginx/nginx.conf): HTTP/1.1 keep-alive upstream, {@code X-Forwarded-For $remote_addr} and no client-sent
 * {@code Forwarded}. Its own config and logs live under target/; it listens on a free loopback port and connects to the
 * node from 127.0.0.1.
 */
public final class TestNginx {

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
            Files.createDirectories(dir.resolve("temp"));
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, config(upstreamPort));
            process = new ProcessBuilder(binary().orElseThrow().toString(), "-p", dir.toString(), "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("logs/console.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Poll.until("nginx listening on " + port, Duration.ofSeconds(20), this::listening);
    }

    private String config(int upstreamPort) {
        String temp = dir.resolve("temp").toString();
        return """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log %1$s/logs/access.log;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    upstream riskbase {
                        server 127.0.0.1:%3$d;
                        keepalive 8;
                    }
                    server {
                        listen 127.0.0.1:%4$d;
                        location / {
                            proxy_pass http://riskbase;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $host;
                            # the edge: the client's own X-Forwarded-For/Forwarded are replaced,
                            # never passed on (Liberty takes the first address, whoever wrote it)
                            proxy_set_header X-Forwarded-For $remote_addr;
                            proxy_set_header Forwarded "";
                            proxy_set_header X-Forwarded-Proto $scheme;
                        }
                    }
                }
                """.formatted(dir, temp, upstreamPort, port);
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
