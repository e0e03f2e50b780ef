package io.riskbase.platform.redis;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.DelayStrategy;
import org.redisson.config.EqualJitterDelay;
import org.redisson.config.ReadMode;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SingleServerConfig;

/**
 * The node's one Redisson client, shared by the L2 cache, the invalidation bus and the rate limiter. Without
 * {@code REDIS_URL} Riskbase runs without Redis (L1 cache, local rate limits). A password is given in the URL
 * ({@code redis://:password@host:6379}) or as {@code REDIS_PASSWORD}; {@code rediss://} connects over TLS. The client
 * is created lazily; when Redis is down at that moment, creation is retried at most every
 * {@code riskbase.redis.retry-ms}, so callers get "no Redis" quickly instead of waiting. With {@code REDIS_SENTINELS}
 * the client finds the primary through Redis Sentinel and follows it across a failover.
 */
@ApplicationScoped
public class RedisConnection {

    private static final Logger LOG = Logger.getLogger(RedisConnection.class.getName());

    @Inject
    @ConfigProperty(name = "REDIS_URL")
    Optional<String> url;

    /** Kept apart from the URL so that it can come from a secret while the URL sits in plain configuration. */
    @Inject
    @ConfigProperty(name = "REDIS_PASSWORD")
    Optional<String> password;

    /**
     * PEM certificate(s) trusted for {@code rediss://} instead of the JVM's trust store: the CA (or the self-signed
     * certificate) of a Redis that a private CA signed. The host name is verified against the certificate either way.
     */
    @Inject
    @ConfigProperty(name = "REDIS_TLS_CA_FILE")
    Optional<String> tlsCaFile;

    /**
     * Sentinel addresses ({@code host:port,host:port}) instead of {@code REDIS_URL}: Redisson asks them for the current
     * primary of {@code REDIS_SENTINEL_MASTER} and follows a failover.
     */
    @Inject
    @ConfigProperty(name = "REDIS_SENTINELS")
    Optional<String> sentinels;

    @Inject
    @ConfigProperty(name = "REDIS_SENTINEL_MASTER", defaultValue = "mymaster")
    String sentinelMaster;

    /**
     * The longest any Redis command may take (Redisson's response timeout); the connection watch's check waits this
     * long. Cache and rate-limit calls and the coherence watch wait less (their own timeouts).
     */
    @Inject
    @ConfigProperty(name = "riskbase.redis.timeout-ms", defaultValue = "1000")
    int timeoutMillis;

    /**
     * Cap of Redisson's back-off between reconnection attempts. Its default (10 s) left the subscription of the
     * invalidation channel down for up to 10 s after a partition healed.
     */
    @Inject
    @ConfigProperty(name = "riskbase.redis.reconnect-max-ms", defaultValue = "1000")
    long reconnectMaxMillis;

    @Inject
    @ConfigProperty(name = "riskbase.redis.connect-timeout-ms", defaultValue = "1000")
    int connectTimeoutMillis;

    @Inject
    @ConfigProperty(name = "riskbase.redis.retry-ms", defaultValue = "2000")
    long retryMillis;

    private volatile RedissonClient client;
    private volatile long nextAttempt;

    public boolean isConfigured() {
        return url.filter(u -> !u.isBlank()).isPresent() || sentinelAddresses().length > 0;
    }

    private String[] sentinelAddresses() {
        return sentinels
                .filter(s -> !s.isBlank())
                .map(s -> java.util.Arrays.stream(s.split(","))
                        .map(String::strip)
                        .filter(a -> !a.isEmpty())
                        .map(a -> a.contains("://") ? a : "redis://" + a)
                        .toArray(String[]::new))
                .orElse(new String[0]);
    }

    private String description() {
        String[] addresses = sentinelAddresses();
        return addresses.length > 0
                ? "sentinels " + String.join(",", addresses) + " (master " + sentinelMaster + ")"
                : redacted(url.get());
    }

    /** The client, or empty when Redis is not configured or could not be reached on the last attempt. */
    public Optional<RedissonClient> client() {
        RedissonClient current = client;
        if (current != null || !isConfigured()) {
            return Optional.ofNullable(current);
        }
        return Optional.ofNullable(connect());
    }

    private synchronized RedissonClient connect() {
        if (client != null || System.currentTimeMillis() < nextAttempt) {
            return client;
        }
        try {
            Config config = new Config();
            String[] sentinelAddresses = sentinelAddresses();
            if (sentinelAddresses.length > 0) {
                SentinelServersConfig servers = config.useSentinelServers()
                        .setMasterName(sentinelMaster)
                        .addSentinelAddress(sentinelAddresses)
                        // a test or a small deployment may list one sentinel; Redisson refuses that by default
                        .setCheckSentinelsList(false)
                        .setReadMode(ReadMode.MASTER);
                password.filter(p -> !p.isEmpty()).ifPresent(servers::setPassword);
                tlsCaFile
                        .filter(f -> !f.isBlank())
                        .map(RedisTrust::fromPem)
                        .ifPresent(servers::setSslTrustManagerFactory);
                servers.setTimeout(timeoutMillis)
                        .setConnectTimeout(connectTimeoutMillis)
                        .setRetryAttempts(0)
                        .setReconnectionDelay(reconnectionDelay())
                        .setPingConnectionInterval(1000)
                        .setMasterConnectionMinimumIdleSize(4)
                        .setMasterConnectionPoolSize(32)
                        .setSubscriptionConnectionMinimumIdleSize(1);
            } else {
                SingleServerConfig server = config.useSingleServer();
                password.filter(p -> !p.isEmpty()).ifPresent(server::setPassword);
                tlsCaFile
                        .filter(f -> !f.isBlank())
                        .map(RedisTrust::fromPem)
                        .ifPresent(server::setSslTrustManagerFactory);
                server.setAddress(url.get())
                        .setTimeout(timeoutMillis)
                        .setConnectTimeout(connectTimeoutMillis)
                        .setRetryAttempts(0)
                        .setReconnectionDelay(reconnectionDelay())
                        .setPingConnectionInterval(1000)
                        .setConnectionMinimumIdleSize(4)
                        .setConnectionPoolSize(32)
                        .setSubscriptionConnectionMinimumIdleSize(1);
            }
            config.setNettyThreads(8);
            client = Redisson.create(config);
            LOG.info("Connected to Redis at " + description());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            nextAttempt = System.currentTimeMillis() + retryMillis;
            LOG.warning("Redis TLS trust not usable: " + e.getMessage() + "; running without Redis");
        } catch (RuntimeException e) {
            nextAttempt = System.currentTimeMillis() + retryMillis;
            LOG.warning("Redis at " + description() + " unreachable ("
                    + e.getClass().getSimpleName() + "); running without it, next attempt in " + retryMillis + " ms");
        }
        return client;
    }

    private DelayStrategy reconnectionDelay() {
        return new EqualJitterDelay(
                Duration.ofMillis(Math.min(100, reconnectMaxMillis)), Duration.ofMillis(reconnectMaxMillis));
    }

    static String redacted(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.shutdown();
        }
    }
}
