package io.riskbase.platform.redis;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

/**
 * The node's one Redisson client, shared by the L2 cache, the invalidation bus and the rate limiter. Without
 * {@code REDIS_URL} Riskbase runs without Redis (L1 cache, local rate limits). A password is given in the URL
 * ({@code redis://:password@host:6379}) or as {@code REDIS_PASSWORD}; {@code rediss://} connects over TLS. The client
 * is created lazily; when Redis is down at that moment, creation is retried at most every
 * {@code riskbase.redis.retry-ms}, so callers get "no Redis" quickly instead of waiting.
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

    @Inject
    @ConfigProperty(name = "riskbase.redis.timeout-ms", defaultValue = "500")
    int timeoutMillis;

    @Inject
    @ConfigProperty(name = "riskbase.redis.connect-timeout-ms", defaultValue = "1000")
    int connectTimeoutMillis;

    @Inject
    @ConfigProperty(name = "riskbase.redis.retry-ms", defaultValue = "2000")
    long retryMillis;

    private volatile RedissonClient client;
    private volatile long nextAttempt;

    public boolean isConfigured() {
        return url.filter(u -> !u.isBlank()).isPresent();
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
            SingleServerConfig server = config.useSingleServer();
            password.filter(p -> !p.isEmpty()).ifPresent(server::setPassword);
            tlsCaFile.filter(f -> !f.isBlank()).map(RedisTrust::fromPem).ifPresent(server::setSslTrustManagerFactory);
            server.setAddress(url.get())
                    .setTimeout(timeoutMillis)
                    .setConnectTimeout(connectTimeoutMillis)
                    .setRetryAttempts(0)
                    .setPingConnectionInterval(1000)
                    .setConnectionMinimumIdleSize(4)
                    .setConnectionPoolSize(32)
                    .setSubscriptionConnectionMinimumIdleSize(1);
            config.setNettyThreads(8);
            client = Redisson.create(config);
            LOG.info("Connected to Redis at " + redacted(url.get()));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            nextAttempt = System.currentTimeMillis() + retryMillis;
            LOG.warning("Redis TLS trust not usable: " + e.getMessage() + "; running without Redis");
        } catch (RuntimeException e) {
            nextAttempt = System.currentTimeMillis() + retryMillis;
            LOG.warning("Redis at " + redacted(url.get()) + " unreachable ("
                    + e.getClass().getSimpleName() + "); running without it, next attempt in " + retryMillis + " ms");
        }
        return client;
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
