package io.riskbase.marketplace;

import io.riskbase.platform.cache.CacheDeclaration;
import io.riskbase.platform.cache.Namespace;
import jakarta.enterprise.context.Dependent;
import java.util.List;

/** The marketplace's cache namespaces: the catalogue all organizations share, and each one's installations. */
@Dependent
public class MarketplaceCache implements CacheDeclaration {

    public static final String CATALOGUE = "marketplace";
    public static final String INSTALLATIONS = "marketplace-installations";

    @Override
    public List<Namespace> namespaces() {
        return List.of(Namespace.global(CATALOGUE), Namespace.tenant(INSTALLATIONS));
    }
}
