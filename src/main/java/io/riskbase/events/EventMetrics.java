package io.riskbase.events;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * {@code riskbase_webhooks_deliveries_total}, {@code riskbase_webhooks_failures_total} (failed attempts),
 * {@code riskbase_webhooks_disabled_total}, and two gauges read from the database (the same on every node, refreshed at
 * most every 5 s): {@code riskbase_outbox_backlog} (deliveries waiting, plus events not yet turned into deliveries for
 * enabled webhooks) and {@code riskbase_outbox_oldest_undelivered_age_seconds}.
 */
@ApplicationScoped
public class EventMetrics {

    private static final Logger LOG = Logger.getLogger(EventMetrics.class.getName());
    private static final long REFRESH_MILLIS = 5000;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Resource(lookup = "jdbc/riskbase")
    DataSource dataSource;

    private volatile Counter deliveries;
    private volatile Counter failures;
    private volatile Counter disabled;
    private volatile long readAt;
    private volatile long backlog;
    private volatile double oldestAgeSeconds;

    void publishAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        deliveries = registry.counter(Metadata.builder()
                .withName("riskbase.webhooks.deliveries")
                .withDescription("Webhook deliveries answered 2xx")
                .build());
        failures = registry.counter(Metadata.builder()
                .withName("riskbase.webhooks.failures")
                .withDescription("Webhook delivery attempts that failed (non-2xx, timeout, refused, unreachable)")
                .build());
        disabled = registry.counter(Metadata.builder()
                .withName("riskbase.webhooks.disabled")
                .withDescription("Webhooks disabled after too many consecutive failures")
                .build());
        registry.gauge(
                Metadata.builder()
                        .withName("riskbase.outbox.backlog")
                        .withDescription("Events waiting for delivery to enabled webhooks")
                        .build(),
                this,
                m -> m.refreshed().backlog);
        registry.gauge(
                Metadata.builder()
                        .withName("riskbase.outbox.oldest.undelivered.age.seconds")
                        .withDescription("Age of the oldest event still waiting for delivery (0 when none)")
                        .build(),
                this,
                m -> m.refreshed().oldestAgeSeconds);
    }

    void delivered() {
        deliveries.inc();
    }

    void failed() {
        failures.inc();
    }

    void disabled() {
        disabled.inc();
    }

    private EventMetrics refreshed() {
        long now = System.currentTimeMillis();
        if (now - readAt < REFRESH_MILLIS) {
            return this;
        }
        readAt = now;
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            long pending = 0;
            OffsetDateTime oldest = null;
            try (ResultSet rs = s.executeQuery("select count(*), min(e.occurred_at) from webhook_deliveries d"
                    + " join webhooks w on w.id = d.webhook_id join events e on e.id = d.event_id"
                    + " where d.status = 'PENDING' and w.enabled = true")) {
                if (rs.next()) {
                    pending = rs.getLong(1);
                    oldest = rs.getObject(2, OffsetDateTime.class);
                }
            }
            try (ResultSet rs = s.executeQuery("select count(*), min(e.occurred_at) from events e"
                    + " join webhooks w on w.org_id = e.org_id and e.seq > w.enqueued_seq where w.enabled = true")) {
                if (rs.next()) {
                    pending += rs.getLong(1);
                    OffsetDateTime unqueued = rs.getObject(2, OffsetDateTime.class);
                    if (unqueued != null && (oldest == null || unqueued.isBefore(oldest))) {
                        oldest = unqueued;
                    }
                }
            }
            backlog = pending;
            oldestAgeSeconds = oldest == null
                    ? 0
                    : Math.max(
                            0,
                            (now
                                            - oldest.withOffsetSameInstant(ZoneOffset.UTC)
                                                    .toInstant()
                                                    .toEpochMilli())
                                    / 1000.0);
        } catch (SQLException e) {
            LOG.log(Level.FINE, "outbox gauges not refreshed", e);
        }
        return this;
    }
}
