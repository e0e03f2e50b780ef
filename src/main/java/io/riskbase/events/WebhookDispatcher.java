package io.riskbase.events;

import io.riskbase.platform.persistence.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every node runs this loop on Liberty's managed scheduled executor; the webhook row lock taken by
 * {@link WebhookWork#deliverOne} decides which node delivers to an endpoint, so nodes share the endpoints without
 * talking to each other.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    private static final int WEBHOOKS_PER_TICK = 50;
    /** Deliveries to one endpoint before the loop moves on: one busy endpoint does not starve the others. */
    private static final int DELIVERIES_PER_TURN = 50;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    WebhookWork work;

    @Inject
    WebhookSettings settings;

    private volatile ScheduledFuture<?> loop;

    void start(@Observes SchemaReady ready) {
        long every = settings.pollInterval().toMillis();
        loop = scheduler.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            for (long id : work.due(WEBHOOKS_PER_TICK)) {
                try {
                    for (int i = 0; i < DELIVERIES_PER_TURN && work.deliverOne(id); i++) {
                        // delivered one; the next waits for this one's record
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "delivery to webhook " + id + " failed", e);
                }
            }
        } catch (RuntimeException e) {
            // the database may be away (failover, restart): the next tick tries again
            LOG.log(Level.WARNING, "webhook delivery round failed", e);
        }
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> running = loop;
        if (running != null) {
            running.cancel(false);
        }
    }
}
