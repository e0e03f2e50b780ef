package io.riskbase.events;

import io.riskbase.platform.events.ChangeBatch;
import io.riskbase.platform.events.ChangeEvent;
import io.riskbase.platform.persistence.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every node runs this loop on Liberty's managed scheduled executor; the webhook row lock taken by
 * {@link WebhookWork#deliverSome} decides which node delivers to an endpoint, so nodes share the endpoints without
 * talking to each other. A commit with events on this node starts a round within {@value #NUDGE_DELAY_MS} ms instead of
 * at the next poll (nudges coalesce: at most one round waits to start), and a round goes on while endpoints have more
 * waiting, so an endpoint keeps up with a write rate above one poll's worth of deliveries. Only one round runs on a
 * node at a time.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    private static final int WEBHOOKS_PER_TICK = 50;
    /** Deliveries to one endpoint before the loop moves on: one busy endpoint does not starve the others. */
    private static final int DELIVERIES_PER_TURN = 50;
    /** Deliveries sent under one claim of the endpoint's row and recorded by one commit. */
    private static final int DELIVERIES_PER_TRANSACTION = 10;
    /** A round gives the thread back after this long even with more waiting; the next poll or nudge goes on. */
    private static final long ROUND_BUDGET_NANOS = 10_000_000_000L;

    static final long NUDGE_DELAY_MS = 10;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    WebhookWork work;

    @Inject
    WebhookSettings settings;

    private volatile ScheduledFuture<?> loop;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean nudged = new AtomicBoolean();

    void start(@Observes SchemaReady ready) {
        long every = settings.pollInterval().toMillis();
        loop = scheduler.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChangeEvent event) {
        nudge();
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChangeBatch batch) {
        nudge();
    }

    private void nudge() {
        if (loop == null || !nudged.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.schedule(this::nudgedTick, NUDGE_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            nudged.set(false);
        }
    }

    private void nudgedTick() {
        nudged.set(false);
        tick();
    }

    void tick() {
        // asked for before trying to run, and looked at again after letting go: a tick arriving while the round ends
        // (after its last look at "again", before "running" is cleared) is not lost until the next poll
        again.set(true);
        while (again.get() && running.compareAndSet(false, true)) {
            try {
                while (again.getAndSet(false)) {
                    deliverDue();
                }
            } finally {
                running.set(false);
            }
        }
    }

    private void deliverDue() {
        long until = System.nanoTime() + ROUND_BUDGET_NANOS;
        try {
            boolean more = true;
            while (more && System.nanoTime() < until) {
                more = false;
                for (long id : work.due(WEBHOOKS_PER_TICK)) {
                    more |= deliverTurn(id);
                }
            }
        } catch (RuntimeException e) {
            // the database may be away (failover, restart): the next tick tries again
            LOG.log(Level.WARNING, "webhook delivery round failed", e);
        }
    }

    /** Up to a turn's deliveries to one endpoint; whether it may have more waiting. */
    private boolean deliverTurn(long id) {
        try {
            // each call sends in order and records before the next call claims the endpoint again
            for (int batches = 0; batches < DELIVERIES_PER_TURN / DELIVERIES_PER_TRANSACTION; batches++) {
                if (!work.deliverSome(id, DELIVERIES_PER_TRANSACTION)) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivery to webhook " + id + " failed", e);
            return false;
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
