package io.riskbase.it.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.Poll;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compose gateway's own nginx.conf, run by a real nginx in front of node A (only the upstream, the ports, TLS and
 * the file locations changed): operator endpoints answer 404 through it, in every spelling Liberty would still route,
 * while the node itself serves them and the public API passes.
 */
class GatewayDenialIT {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    static Session admin;
    static Api node;
    static Api gateway;
    static Process nginx;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed");
        node = RiskbaseEnvironment.get().api();
        admin = Tenants.signup(node, "gateway-denial");
        int nodePort = URI.create(node.baseUrl()).getPort();
        int port = freePort();
        Path dir = Files.createTempDirectory(Path.of("target"), "gateway-").toAbsolutePath();
        String config = Files.readString(Path.of("deploy/nginx/nginx.conf"))
                .replaceAll("pid [^;]+;", "pid " + dir.resolve("nginx.pid") + ";")
                .replaceAll("(?m)^\\s*server riskbase-\\d+:\\d+[^;]*;\\n", "")
                .replace("keepalive 64;", "server 127.0.0.1:" + nodePort + ";\n        keepalive 64;")
                // the TLS server proxies to the nodes: served here as plain HTTP (its locations unchanged), the
                // redirecting plain server on a port of its own
                .replace("listen 8443 ssl;", "listen 127.0.0.1:" + port + ";")
                .replaceAll("(?m)^\\s*ssl_[a-z_]+ [^;]+;\\n", "")
                .replace("listen 8080;", "listen 127.0.0.1:" + freePort() + ";");
        Files.writeString(dir.resolve("nginx.conf"), config);
        nginx = new ProcessBuilder(
                        NGINX.toString(),
                        "-p",
                        dir.toString(),
                        "-c",
                        dir.resolve("nginx.conf").toString(),
                        "-e",
                        dir.resolve("error.log").toString(),
                        "-g",
                        "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        Poll.until("nginx listening on " + port, Duration.ofSeconds(20), () -> listening(port));
        gateway = new Api("http://127.0.0.1:" + port).as(admin.token());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
            }
        }
    }

    @Test
    void operatorEndpointsAreServedByTheNodeButDeniedByTheGateway() {
        Api direct = node.as(admin.token());
        for (String path : List.of("/metrics", "/openapi", "/openapi/ui/", "/api/v1/admin/cache")) {
            assertEquals(200, direct.get(path).status(), "the node serves " + path);
        }
        for (String path : List.of(
                "/metrics",
                "/metrics/",
                "/openapi",
                "/openapi/ui/",
                "/api/v1/admin/cache",
                "/api/v1/admin/performance",
                "/api/v1/admin;x=1/cache",
                "/api/v1//admin/cache",
                "/api/v1/%61dmin/cache",
                "/API/V1/ADMIN/cache")) {
            assertEquals(404, gateway.get(path).status(), "through the gateway: " + path);
        }
        // the spelling with ;parameters does reach the admin API on the node: the gateway must catch it
        assertEquals(200, direct.get("/api/v1/admin;x=1/cache").status());
    }

    @Test
    void thePublicApiPassesTheGateway() {
        for (String path : List.of("/api/v1/risks", "/api/v1/me", "/api/v1/ping", "/health/ready")) {
            assertNotEquals(404, gateway.get(path).status(), path);
            assertEquals(200, gateway.get(path).status(), path);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
