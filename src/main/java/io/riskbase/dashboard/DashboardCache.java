package io.riskbase.dashboard;

import io.riskbase.identity.IdentityCache;
import io.riskbase.platform.cache.CacheDeclaration;
import io.riskbase.platform.cache.Namespace;
import io.riskbase.risk.RiskCache;
import jakarta.enterprise.context.Dependent;
import java.util.List;

/** The dashboard's cache namespace: figures over all risks, stale whenever a risk or an owner changes. */
@Dependent
public class DashboardCache implements CacheDeclaration {

    public static final String DASHBOARD = "dashboard";

    @Override
    public List<Namespace> namespaces() {
        return List.of(Namespace.tenant(DASHBOARD).invalidatedBy(RiskCache.RISKS_CHANGED, IdentityCache.USER_DELETED));
    }
}
