package io.riskbase.events;

import io.riskbase.platform.cache.CacheDeclaration;
import io.riskbase.platform.cache.Namespace;
import jakarta.enterprise.context.Dependent;
import java.util.List;

/** The cache namespaces of events. */
@Dependent
public class EventsCache implements CacheDeclaration {

    /** Whether an organization forwards its audit log: asked on every audited write, changed with its webhooks. */
    public static final String AUDIT_FORWARDING = "audit-forwarding";

    @Override
    public List<Namespace> namespaces() {
        return List.of(Namespace.tenant(AUDIT_FORWARDING).withoutEtag());
    }
}
