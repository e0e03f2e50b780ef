package io.riskbase.it.partition;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay that makes a link slow and lossy where the kernel has no netem: every chunk read from one side is written
 * to the other {@code delay} later, and a fraction {@code loss} of the chunks waits one retransmission timeout more —
 * what TCP turns packet loss into (bytes are never lost, only late, and order is kept). Settings apply to chunks read
 * from then on, so a test can change them while connections stay open.
 */
final class TcpProxy implements AutoCloseable {

    /** Linux's minimum retransmission timeout (200 ms) plus a round trip: what one lost segment costs. */
    static final long RETRANSMIT_MILLIS = 250;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile long delayMillis;
    private volatile double loss;
    private volatile boolean open = true;

    TcpProxy(String listenAddress, InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 200, InetAddress.getByName(listenAddress));
        Thread accept = new Thread(this::accept, "proxy-accept-" + port());
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void set(long delayMillis, double loss) {
        this.delayMillis = delayMillis;
        this.loss = loss;
    }

    private void accept() {
        while (open) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5000);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    private record Chunk(byte[] bytes, long releaseNanos) {}

    private void pump(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    byte[] buffer = new byte[16384];
                    long lastRelease = 0;
                    try {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            long extra = ThreadLocalRandom.current().nextDouble() < loss ? RETRANSMIT_MILLIS : 0;
                            long release = Math.max(
                                    lastRelease,
                                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis + extra));
                            lastRelease = release;
                            queue.add(new Chunk(Arrays.copyOf(buffer, n), release));
                        }
                    } catch (IOException e) {
                        // the connection ended: the writer below closes both sides
                    }
                    queue.add(new Chunk(null, 0));
                },
                "proxy-read");
        Thread writer = new Thread(
                () -> {
                    try {
                        while (true) {
                            Chunk c = queue.take();
                            if (c.bytes() == null) {
                                break;
                            }
                            long wait = c.releaseNanos() - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                            out.write(c.bytes());
                            out.flush();
                        }
                    } catch (IOException | InterruptedException e) {
                        // fall through to close
                    }
                    closeQuietly(from);
                    closeQuietly(to);
                },
                "proxy-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(TcpProxy::closeQuietly);
    }
}
