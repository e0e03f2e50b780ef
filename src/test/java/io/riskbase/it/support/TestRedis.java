package io.riskbase.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/** A real redis-server (shipped in the embedded-redis jar) on a loopback port; stoppable for outage tests. */
public final class TestRedis {

    private final int port = Ports.free();
    private RedisServer server;

    public TestRedis() {
        start();
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("maxmemory 256mb").build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Redis", e);
        }
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }
}
