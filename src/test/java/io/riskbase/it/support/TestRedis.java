package io.riskbase.it.support;

import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/** A real redis-server (shipped in the embedded-redis jar) on a loopback port; stoppable for outage tests. */
public final class TestRedis {

    private final String password;
    private final TestProcess<RedisServer> process;

    public TestRedis() {
        this(null);
    }

    /** A Redis that answers only clients that authenticate with this password ({@code requirepass}). */
    public TestRedis(String password) {
        this.password = password;
        this.process = new TestProcess<>(
                "Redis",
                port -> {
                    RedisServerBuilder builder = RedisServer.newRedisServer()
                            .port(port)
                            .bind("127.0.0.1")
                            .setting("maxmemory 256mb");
                    if (password != null) {
                        builder.setting("requirepass " + password);
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

    /** {@code redis://127.0.0.1:port}, with {@code :password@} when the server requires one. */
    public String url() {
        return "redis://" + (password == null ? "" : ":" + password + "@") + "127.0.0.1:" + port();
    }
}
