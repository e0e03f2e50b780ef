package io.riskbase.platform.health;

import io.riskbase.platform.security.WarmupSession;
import io.riskbase.platform.security.WarmupTokens;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Warm before ready: a fresh JVM runs the request path interpreted for tens of seconds, so a node that turned ready at
 * once would meet its first load at a fraction of its steady throughput. Once the application answers, the node sends
 * itself requests over loopback (token check with its own {@link WarmupSession}, session lookup, filters, cached reads
 * answered as bytes, JSON, problem answers) from {@code riskbase.warmup.connections} threads until the JIT compiler
 * goes quiet: after {@code riskbase.warmup.min-seconds} and {@code riskbase.warmup.min-requests}, the first
 * {@value #WINDOW_MS} ms window in which compilation took less than {@code riskbase.warmup.jit-quiet-percent} of the
 * window ends it, and {@code riskbase.warmup.seconds} bounds it. A fixed time would be too short on a slow machine and
 * wasted on a fast one; what a node needs before it is fast is that the compiler has caught up with its hot path.
 * {@link WarmupReadinessCheck} is DOWN until it is done. Bounded: the warm-up gives up (and the node turns ready) when
 * the application has not answered within a minute.
 */
@ApplicationScoped
public class SelfWarmup {

    private static final Logger LOG = Logger.getLogger(SelfWarmup.class.getName());

    /**
     * A cold node's first requests can take tens of seconds on a busy machine. The warm-up waits for every answer, so
     * that none of its requests is still running on the server once the node is ready (it would load and count entries
     * of organization 0 among real traffic).
     */
    private static final long REQUEST_TIMEOUT_S = 60;

    /** How often the warm-up looks at the compiler's progress. */
    static final long WINDOW_MS = 2_000;

    @Inject
    @ConfigProperty(name = "riskbase.warmup.seconds", defaultValue = "60")
    int seconds;

    @Inject
    @ConfigProperty(name = "riskbase.warmup.min-seconds", defaultValue = "5")
    int minSeconds;

    @Inject
    @ConfigProperty(name = "riskbase.warmup.jit-quiet-percent", defaultValue = "10")
    int jitQuietPercent;

    @Inject
    @ConfigProperty(name = "riskbase.warmup.min-requests", defaultValue = "10000")
    long minRequests;

    @Inject
    @ConfigProperty(name = "riskbase.warmup.connections", defaultValue = "4")
    int connections;

    @Inject
    @ConfigProperty(name = "riskbase.warmup.paths", defaultValue = "/api/v1/ping,/api/v1/ping/auth")
    List<String> paths;

    @Inject
    @ConfigProperty(name = "HTTP_HOST", defaultValue = "*")
    String host;

    @Inject
    @ConfigProperty(name = "HTTP_PORT", defaultValue = "9080")
    int port;

    @Inject
    WarmupSession session;

    @Inject
    Instance<WarmupTokens> tokens;

    @Resource
    ManagedExecutorService executor;

    private volatile boolean done;
    private volatile String stopReason = "not started";
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong answered2xx = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (seconds <= 0) {
            done = true;
            return;
        }
        try {
            executor.execute(this::run);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Warm-up not started; the node turns ready cold", e);
            done = true;
        }
    }

    public boolean done() {
        return done;
    }

    public long requests() {
        return requests.get();
    }

    void run() {
        long t0 = System.nanoTime();
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        try {
            String base = awaitApplication(client);
            if (base == null) {
                LOG.warning("Warm-up skipped: the application did not answer on " + base() + " within 60 s");
                return;
            }
            String token = tokens.isResolvable() ? tokens.get().issue(session.jti(), seconds + 60L) : null;
            session.start();
            AtomicBoolean stop = new AtomicBoolean();
            long loadStart = System.nanoTime();
            CountDownLatch workers = new CountDownLatch(connections);
            for (int i = 0; i < connections; i++) {
                int offset = i;
                executor.execute(() -> {
                    try {
                        loop(client, base, token, offset, stop);
                    } finally {
                        workers.countDown();
                    }
                });
            }
            stopReason = awaitQuietCompiler(loadStart, workers);
            stop.set(true);
            workers.await(REQUEST_TIMEOUT_S + 30L, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Warm-up stopped early", e);
        } catch (Error e) {
            LOG.log(Level.WARNING, "Warm-up stopped early", e);
            throw e;
        } finally {
            session.end();
            done = true;
            LOG.info(String.format(
                    "Warm-up done: %d requests to itself (%d answered 2xx, %d failed) in %d ms; %s",
                    requests.get(), answered2xx.get(), failed.get(), (System.nanoTime() - t0) / 1_000_000, stopReason));
        }
    }

    /**
     * Waits until the compiler is quiet (after the minimum time) or the maximum time is up, looking every
     * {@value #WINDOW_MS} ms; says which ended it. Without compilation-time monitoring, the maximum time.
     */
    private String awaitQuietCompiler(long loadStart, CountDownLatch workers) throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean watched = jit != null && jit.isCompilationTimeMonitoringSupported();
        long compiledMs = watched ? jit.getTotalCompilationTime() : 0;
        while (!workers.await(WINDOW_MS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            long windowCompileMs = -1;
            if (watched) {
                long now = jit.getTotalCompilationTime();
                windowCompileMs = now - compiledMs;
                compiledMs = now;
            }
            String verdict = verdict(System.nanoTime() - loadStart, windowCompileMs, requests.get());
            if (verdict != null) {
                return verdict;
            }
        }
        return "every warm-up thread ended";
    }

    /**
     * Why the warm-up ends after a window in which the compiler worked {@code windowCompileMs} (-1: not measured) and
     * {@code answered} requests had been answered in all, or null to go on. A quiet compiler counts only after
     * {@code riskbase.warmup.min-requests}: C2 compiles a method after some thousands of calls, and before the hot path
     * has been called that often a quiet compiler only means that the requests are slow (a busy machine).
     */
    String verdict(long elapsedNanos, long windowCompileMs, long answered) {
        if (elapsedNanos >= seconds * 1_000_000_000L) {
            return "the maximum of " + seconds + " s was reached";
        }
        if (windowCompileMs >= 0
                && elapsedNanos >= minSeconds * 1_000_000_000L
                && answered >= minRequests
                && windowCompileMs * 100 < WINDOW_MS * jitQuietPercent) {
            return "the JIT compiler went quiet (" + windowCompileMs + " ms of compilation in the last " + WINDOW_MS
                    + " ms)";
        }
        return null;
    }

    /** The base URL the application answers on, once it does; null after a minute without an answer. */
    private String awaitApplication(HttpClient client) throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < until) {
            String base = base();
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/ping"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return base;
                }
            } catch (java.io.IOException notYet) {
                // the HTTP endpoint opens only once the application has started
            }
            Thread.sleep(200);
        }
        return null;
    }

    /**
     * Liberty's default HTTP endpoint as it actually listens (its endpoint MBean), so the warm-up also finds it in an
     * operator's own server (docs/existing-liberty.md) where {@code HTTP_PORT} is not ours; the configured
     * {@code HTTP_HOST}/{@code HTTP_PORT} until the endpoint is up.
     */
    private String base() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName endpoint = new ObjectName("WebSphere:feature=channelfw,type=endpoint,name=defaultHttpEndpoint");
            if (server.isRegistered(endpoint)) {
                int listening = (Integer) server.getAttribute(endpoint, "Port");
                if (listening > 0) {
                    return "http://" + loopback((String) server.getAttribute(endpoint, "Host")) + ":" + listening;
                }
            }
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.FINE, "no endpoint MBean; using HTTP_HOST/HTTP_PORT", e);
        }
        return "http://" + loopback(host) + ":" + port;
    }

    private void loop(HttpClient client, String base, String token, int offset, AtomicBoolean stop) {
        for (int i = offset; !stop.get(); i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + paths.get(i % paths.size())))
                    .timeout(Duration.ofSeconds(REQUEST_TIMEOUT_S));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            try {
                int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                requests.incrementAndGet();
                if (status / 100 == 2) {
                    answered2xx.incrementAndGet();
                }
            } catch (java.io.IOException e) {
                failed.incrementAndGet();
                LOG.log(Level.FINE, "warm-up request failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static String loopback(String host) {
        return host == null || host.isBlank() || host.equals("*") || host.equals("0.0.0.0") || host.equals("::")
                ? "127.0.0.1"
                : host;
    }
}
