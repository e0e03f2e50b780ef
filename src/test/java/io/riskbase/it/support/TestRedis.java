package io.riskbase.it.support;

import java.nio.file.Path;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * A real redis-server (shipped in the embedded-redis jar, built with TLS) on a loopback port; stoppable for outage
 * tests.
 */
public final class TestRedis {

    private final String password;
    private final boolean tls;
    private final TestProcess<RedisServer> process;

    public TestRedis() {
        this(null);
    }

    /** A Redis that answers only clients that authenticate with this password ({@code requirepass}). */
    public TestRedis(String password) {
        this(password, null, null);
    }

    /**
     * A Redis that speaks only TLS on its port, with this certificate and key (PEM), and requires the password. Clients
     * are not asked for certificates, as in the compose file.
     */
    public TestRedis(String password, Path certificate, Path key) {
        this.password = password;
        this.tls = certificate != null;
        this.process = new TestProcess<>(
                "Redis",
                port -> {
                    RedisServerBuilder builder = RedisServer.newRedisServer()
                            // TLS only: no plain port
                            .port(tls ? 0 : port)
                            .bind("127.0.0.1")
                            .setting("maxmemory 256mb");
                    if (password != null) {
                        builder.setting("requirepass " + password);
                    }
                    if (tls) {
                        builder.setting("tls-port " + port)
                                .setting("tls-cert-file " + certificate)
                                .setting("tls-key-file " + key)
                                .setting("tls-ca-cert-file " + certificate)
                                .setting("tls-auth-clients no");
                    }
                    RedisServer server = builder.build();
                    server.start();
                    return server;
                },
                RedisServer::stop);
    }

    public void start() {
        process.start();
    }

    public void stop() {
        process.stop();
    }

    public int port() {
        return process.port();
    }

    /**
     * {@code redis://127.0.0.1:port}, with {@code :password@} when the server requires one;
     * {@code rediss://localhost:port} for TLS, the name its certificate is checked against.
     */
    public String url() {
        String credentials = password == null ? "" : ":" + password + "@";
        return tls
                ? "rediss://" + credentials + "localhost:" + port()
                : "redis://" + credentials + "127.0.0.1:" + port();
    }
}
