package io.riskbase.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A server process the tests run on a free loopback port (PostgreSQL, Redis), which outage tests can stop and start
 * again on the same port. Starting a started one or stopping a stopped one does nothing.
 */
final class TestProcess<S> {

    /** Starts the server on the port and returns its handle. */
    interface Launcher<S> {
        S launch(int port) throws IOException;
    }

    /** Stops the server of a handle. */
    interface Stopper<S> {
        void stop(S server) throws IOException;
    }

    private final String name;
    private final int port = Ports.free();
    private final Launcher<S> launcher;
    private final Stopper<S> stopper;
    private S server;

    TestProcess(String name, Launcher<S> launcher, Stopper<S> stopper) {
        this.name = name;
        this.launcher = launcher;
        this.stopper = stopper;
        start();
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = launcher.launch(port);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + " on port " + port, e);
        }
    }

    synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            stopper.stop(server);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop " + name, e);
        } finally {
            server = null;
        }
    }

    /** The running server's handle; fails while it is stopped. */
    synchronized S server() {
        if (server == null) {
            throw new IllegalStateException(name + " is stopped");
        }
        return server;
    }

    int port() {
        return port;
    }
}
