package io.riskbase.platform.cache;

import io.riskbase.platform.persistence.SchemaReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the cache with the application (not on the first request) and then asks every feature to preload its hot
 * global entries: features observe {@link WarmUp} and call their {@code @Cached} methods. The startup health check
 * reports UP only after this ran.
 */
@ApplicationScoped
public class CacheWarmup {

    private static final Logger LOG = Logger.getLogger(CacheWarmup.class.getName());

    /** Fired once at start-up after the cache is up; observers load what every user will ask for first. */
    public record WarmUp() {}

    @Inject
    CacheRuntime cache;

    @Inject
    Event<WarmUp> warmUp;

    private volatile boolean done;

    void onSchemaReady(@Observes SchemaReady ready) {
        long t0 = System.nanoTime();
        try {
            if (cache.enabled()) {
                warmUp.fire(new WarmUp());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cache warm-up failed; entries will load on first use", e);
        } finally {
            done = true;
        }
        LOG.info(String.format("Cache warm-up done in %d ms", (System.nanoTime() - t0) / 1_000_000));
    }

    public boolean done() {
        return done;
    }
}
