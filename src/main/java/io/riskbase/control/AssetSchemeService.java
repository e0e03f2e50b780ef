package io.riskbase.control;

import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;

/** An organization's asset types and criticality scale: read by every asset write, changed by an ADMIN. */
@ApplicationScoped
public class AssetSchemeService {

    @Inject
    AssetSchemeRepository schemes;

    @Inject
    AuditTrail audit;

    @Cached(ControlCache.ASSET_SCHEME)
    public AssetScheme get(@TenantId long orgId) {
        return schemes.find(orgId).orElse(AssetScheme.DEFAULT);
    }

    @CacheInvalidate(changes = ControlCache.ASSET_SCHEME_CHANGED)
    @Transactional
    public AssetScheme replace(@TenantId long orgId, long userId, AssetScheme input) {
        AssetScheme scheme = input.normalized();
        schemes.lock(orgId);
        AssetScheme before = schemes.find(orgId).orElse(AssetScheme.DEFAULT);
        if (!scheme.equals(before)) {
            schemes.save(orgId, scheme, userId, CatalogTime.now());
            audit.record(
                    orgId,
                    "asset_scheme.updated",
                    "asset_scheme",
                    orgId,
                    Map.of("types", scheme.types(), "criticality", scheme.criticality()));
        }
        return scheme;
    }

    /** 400 unless the value is in the scheme; called for a new asset, and for the fields an update changes. */
    static void check(AssetScheme scheme, String type, Integer criticality) {
        if (type != null && !scheme.types().contains(type)) {
            throw ApiException.badRequest("type must be one of the organization's asset types " + scheme.types()
                    + " (GET /api/v1/assets/scheme)");
        }
        if (criticality != null && (criticality < 1 || criticality > scheme.maxCriticality())) {
            throw ApiException.badRequest("criticality must be between 1 and " + scheme.maxCriticality()
                    + ", the organization's scale (GET /api/v1/assets/scheme)");
        }
    }
}
