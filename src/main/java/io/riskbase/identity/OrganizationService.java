package io.riskbase.identity;

import io.riskbase.identity.IdentityViews.OrganizationView;
import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

@ApplicationScoped
public class OrganizationService {

    @Inject
    OrganizationRepository organizations;

    @Cached(IdentityCache.ORGANIZATION)
    public OrganizationView get(@TenantId long orgId) {
        return organizations
                .find(orgId)
                .map(OrganizationView::of)
                .orElseThrow(() -> ApiException.notFound("Organization"));
    }
}
