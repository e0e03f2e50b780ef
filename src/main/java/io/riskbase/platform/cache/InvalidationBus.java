package io.riskbase.platform.cache;

import io.riskbase.platform.redis.RedisConnection;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The cross-node invalidation channel (Redis pub/sub) and the watch over it. A ticker checks Redis every
 * {@code riskbase.cache.watch-interval-ms} and publishes a probe on the channel ({@link ChannelProbe}); when Redis
 * stops answering, or this node's probes stop coming back, the node is no longer coherent: L1 is cleared and new L1
 * entries live only {@code riskbase.cache.degraded-l1-ttl-ms}. When a probe sent after that comes back, L1 and the
 * known generations are dropped once more (messages may have been missed meanwhile) and full TTLs resume. Without Redis
 * configured there is one node and nothing to keep coherent.
 */
@ApplicationScoped
public class InvalidationBus {

    static final String CHANNEL = "rb:invalidation";
    private static final Logger LOG = Logger.getLogger(InvalidationBus.class.getName());
    /** Ticks a probe may take to come back before the channel counts as lost (2 s at the default interval). */
    private static final int PROBE_TOLERANCE = 3;

    @Inject
    RedisConnection redis;

    @Inject
    RedisSharedTier sharedTier;

    @Inject
    @ConfigProperty(name = "riskbase.cache.watch-interval-ms", defaultValue = "500")
    long watchIntervalMillis;

    /**
     * How long the watch waits for Redis to answer. Shorter than Redisson's command timeout, so that a cut is noticed
     * within interval + this; long enough that a slow but working link (a lost segment costs ~250 ms) does not flap.
     */
    @Inject
    @ConfigProperty(name = "riskbase.cache.watch-timeout-ms", defaultValue = "500")
    long watchTimeoutMillis;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile boolean coherent = true;
    private final ChannelProbe probe = new ChannelProbe(PROBE_TOLERANCE);
    private volatile RTopic topic;
    private volatile Consumer<Invalidation> sink;
    private volatile Runnable onCoherenceChange;
    private volatile Runnable whileCoherent;
    private ScheduledFuture<?> watch;

    void start(Consumer<Invalidation> sink, Runnable onCoherenceChange, Runnable whileCoherent) {
        this.sink = sink;
        this.onCoherenceChange = onCoherenceChange;
        this.whileCoherent = whileCoherent;
        if (!redis.isConfigured()) {
            return;
        }
        coherent = false;
        sharedTier.reachable(false);
        check();
        // the first probe is on its way: wait a moment for it, so that a node with Redis starts coherent
        long deadline = System.currentTimeMillis() + 2 * watchIntervalMillis;
        while (!probe.lastHeard() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        check();
        watch = scheduler.scheduleWithFixedDelay(
                this::check, watchIntervalMillis, watchIntervalMillis, TimeUnit.MILLISECONDS);
    }

    public boolean coherent() {
        return coherent;
    }

    public boolean redisConfigured() {
        return redis.isConfigured();
    }

    void publish(Invalidation message) {
        RTopic current = topic;
        if (current == null) {
            if (redis.isConfigured()) {
                throw new IllegalStateException("invalidation channel not connected");
            }
            return;
        }
        current.publishAsync(message.encode());
    }

    private synchronized void check() {
        boolean reachable;
        try {
            RedissonClient client = redis.client().orElse(null);
            reachable = client != null && subscribe(client);
            if (reachable) {
                client.getBucket("rb:watch", StringCodec.INSTANCE)
                        .isExistsAsync()
                        .toCompletableFuture()
                        .get(watchTimeoutMillis, TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            reachable = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reachable = false;
        }
        ChannelProbe.Tick tick = probe.tick(reachable);
        if (tick.probe() != null) {
            topic.publishAsync(tick.probe());
        }
        boolean up = tick.coherent();
        if (up != coherent) {
            LOG.log(
                    up ? Level.INFO : Level.WARNING,
                    up
                            ? "Redis reachable again: L1 resynchronized, cross-node invalidation resumed"
                            : "Redis or its invalidation channel unreachable: L1 cleared and limited to short TTLs"
                                    + " until the channel delivers again");
            sharedTier.reachable(up);
            coherent = up;
            onCoherenceChange.run();
        } else if (up) {
            whileCoherent.run();
        }
    }

    private boolean subscribe(RedissonClient client) {
        if (topic == null) {
            RTopic channel = client.getTopic(CHANNEL, StringCodec.INSTANCE);
            channel.addListener(String.class, (name, message) -> receive(message));
            topic = channel;
        }
        return true;
    }

    private void receive(String text) {
        if (probe.received(text)) {
            return;
        }
        try {
            sink.accept(Invalidation.decode(text));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ignored a malformed invalidation message", e);
        }
    }

    @PreDestroy
    void stop() {
        if (watch != null) {
            watch.cancel(false);
        }
    }
}
