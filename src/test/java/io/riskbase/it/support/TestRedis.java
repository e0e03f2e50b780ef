package io.riskbase.it.support;

import redis.embedded.RedisServer;

/** A real redis-server (shipped in the embedded-redis jar) on a loopback port; stoppable for outage tests. */
public final class TestRedis {

    private final TestProcess<RedisServer> process = new TestProcess<>(
            "Redis",
            port -> {
                RedisServer server = RedisServer.newRedisServer()
                        .port(port)
                        .bind("127.0.0.1")
                        .setting("maxmemory 256mb")
                        .build();
                server.start();
                return server;
            },
            RedisServer::stop);

    public void start() {
        process.start();
    }

    public void stop() {
        process.stop();
    }

    public int port() {
        return process.port();
    }

    public String url() {
        return "redis://127.0.0.1:" + port();
    }
}
