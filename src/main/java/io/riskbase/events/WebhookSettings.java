package io.riskbase.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Webhook delivery settings (MicroProfile Config; defaults documented in docs/integrations.md). */
@ApplicationScoped
public class WebhookSettings {

    @Inject
    @ConfigProperty(name = "riskbase.webhooks.poll-interval-ms", defaultValue = "1000")
    long pollIntervalMs;

    @Inject
    @ConfigProperty(name = "riskbase.webhooks.connect-timeout-ms", defaultValue = "3000")
    long connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "riskbase.webhooks.read-timeout-ms", defaultValue = "10000")
    long readTimeoutMs;

    @Inject
    @ConfigProperty(name = "riskbase.webhooks.retry-base-ms", defaultValue = "5000")
    long retryBaseMs;

    @Inject
    @ConfigProperty(name = "riskbase.webhooks.retry-max-ms", defaultValue = "3600000")
    long retryMaxMs;

    @Inject
    @ConfigProperty(name = "riskbase.webhooks.disable-after-failures", defaultValue = "20")
    int disableAfterFailures;

    /** CIDRs (or addresses) outside the public internet that webhooks may still call; none by default. */
    @Inject
    @ConfigProperty(name = "riskbase.webhooks.allowed-private-networks")
    Optional<String> allowedPrivateNetworks;

    Duration pollInterval() {
        return Duration.ofMillis(Math.max(50, pollIntervalMs));
    }

    Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMs);
    }

    Duration readTimeout() {
        return Duration.ofMillis(readTimeoutMs);
    }

    Backoff backoff() {
        return new Backoff(Duration.ofMillis(retryBaseMs), Duration.ofMillis(Math.max(retryBaseMs, retryMaxMs)));
    }

    int disableAfterFailures() {
        return Math.max(1, disableAfterFailures);
    }

    OutboundGuard guard() {
        return new OutboundGuard(List.of(allowedPrivateNetworks.orElse("").split(",")), OutboundGuard::dns);
    }
}
