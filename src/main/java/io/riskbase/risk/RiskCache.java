package io.riskbase.risk;

import io.riskbase.identity.IdentityCache;
import io.riskbase.platform.cache.CacheDeclaration;
import io.riskbase.platform.cache.Namespace;
import jakarta.enterprise.context.Dependent;
import java.util.List;

/** The cache namespaces of risks, and the change every risk write announces. */
@Dependent
public class RiskCache implements CacheDeclaration {

    public static final String RISK = "risk";
    public static final String LIST = "risk-list";
    public static final String SEARCH = "risk-search";
    public static final String MATRIX = "risk-matrix";
    public static final String HISTORY = "risk-history";

    /** Any risk was created, changed or deleted: every view over many risks is stale, here and in other features. */
    public static final String RISKS_CHANGED = "risks-changed";

    @Override
    public List<Namespace> namespaces() {
        return List.of(
                Namespace.tenant(RISK).invalidatedBy(IdentityCache.USER_DELETED),
                Namespace.tenant(LIST).invalidatedBy(RISKS_CHANGED, IdentityCache.USER_DELETED),
                Namespace.tenant(SEARCH).invalidatedBy(RISKS_CHANGED, IdentityCache.USER_DELETED),
                Namespace.tenant(MATRIX).invalidatedBy(RISKS_CHANGED),
                Namespace.tenant(HISTORY).invalidatedBy(RISKS_CHANGED));
    }

    @Override
    public List<String> changes() {
        return List.of(RISKS_CHANGED);
    }
}
