package io.riskbase.dashboard;

import io.riskbase.identity.IdentityCache;
import io.riskbase.platform.cache.CacheDeclaration;
import io.riskbase.platform.cache.Namespace;
import io.riskbase.risk.RiskCache;
import jakarta.enterprise.context.Dependent;
import java.util.List;

/**
 * The dashboard's cache namespace: figures over all risks and their tasks, stale whenever a risk, a task, the
 * methodology or an owner changes.
 */
@Dependent
public class DashboardCache implements CacheDeclaration {

    public static final String DASHBOARD = "dashboard";

    @Override
    public List<Namespace> namespaces() {
        return List.of(Namespace.tenant(DASHBOARD)
                .invalidatedBy(
                        RiskCache.RISKS_CHANGED,
                        RiskCache.TASKS_CHANGED,
                        RiskCache.METHODOLOGY_CHANGED,
                        IdentityCache.USER_DELETED));
    }
}
