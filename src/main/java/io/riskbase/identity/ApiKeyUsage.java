package io.riskbase.identity;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps each key's "last used" time without a database write per request: a node writes at most once a minute per key,
 * off the request thread, and the conditional update lets only one node's write a minute through.
 */
@ApplicationScoped
public class ApiKeyUsage {

    private static final Logger LOG = Logger.getLogger(ApiKeyUsage.class.getName());
    static final long INTERVAL_MILLIS = 60_000;

    @Inject
    ApiKeyService keys;

    @Resource
    ManagedExecutorService executor;

    private final ConcurrentHashMap<Long, Long> lastWritten = new ConcurrentHashMap<>();

    public void used(long orgId, long keyId, String clientAddress) {
        long now = System.currentTimeMillis();
        Long last = lastWritten.get(keyId);
        if (last != null && now - last < INTERVAL_MILLIS) {
            return;
        }
        // one request of many racing here wins the slot; the others return
        if (last == null ? lastWritten.putIfAbsent(keyId, now) != null : !lastWritten.replace(keyId, last, now)) {
            return;
        }
        try {
            executor.submit(() -> {
                try {
                    keys.touch(orgId, keyId, clientAddress);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "recording the use of API key " + keyId + " failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "recording the use of API key " + keyId + " skipped", e);
        }
    }
}
