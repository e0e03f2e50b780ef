package io.riskbase.marketplace;

import io.riskbase.platform.cache.CacheWarmup;
import io.riskbase.platform.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Preloads the catalogue at start-up: every organization's first marketplace visit reads it. */
@ApplicationScoped
public class MarketplaceWarmup {

    @Inject
    MarketplaceService marketplace;

    void warm(@Observes CacheWarmup.WarmUp warmUp) {
        for (String category : marketplace.categories()) {
            marketplace.connectors(category, null, PageRequest.of(null, null));
        }
        marketplace.connectors(null, null, PageRequest.of(null, null));
    }
}
