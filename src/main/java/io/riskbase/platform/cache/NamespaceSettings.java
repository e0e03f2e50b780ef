package io.riskbase.platform.cache;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * The settings of every declared namespace from MicroProfile Config (defaults in microprofile-config.properties):
 * {@code riskbase.cache.ttl.<ns>} (else {@code riskbase.cache.ttl.default}), {@code riskbase.cache.negative-ttl.<ns>}
 * and {@code riskbase.cache.refresh-ahead.<ns>}.
 */
@ApplicationScoped
public class NamespaceSettings {

    static final long DEFAULT_TTL_SECONDS = 300;
    static final long DEFAULT_NEGATIVE_TTL_SECONDS = 30;

    @Inject
    Config config;

    @Inject
    CacheBindings bindings;

    @Inject
    CacheMetrics metrics;

    private Map<String, NamespacePolicy> policies;

    @PostConstruct
    void load() {
        Map<String, NamespacePolicy> loaded = new LinkedHashMap<>();
        long defaultTtl = seconds("riskbase.cache.ttl.default", DEFAULT_TTL_SECONDS);
        for (Namespace namespace : bindings.catalog().namespaces()) {
            String ns = namespace.name();
            loaded.put(
                    ns,
                    new NamespacePolicy(
                            ns,
                            namespace.global(),
                            seconds("riskbase.cache.ttl." + ns, defaultTtl) * 1000,
                            seconds("riskbase.cache.negative-ttl." + ns, DEFAULT_NEGATIVE_TTL_SECONDS) * 1000,
                            config.getOptionalValue("riskbase.cache.refresh-ahead." + ns, Double.class)
                                    .orElse(0.0)));
            metrics.registerNamespaceSeries(ns);
        }
        policies = Collections.unmodifiableMap(loaded);
    }

    public NamespacePolicy policy(String namespace) {
        NamespacePolicy policy = policies.get(namespace);
        if (policy == null) {
            throw new IllegalStateException("cache namespace '" + namespace + "' is not declared");
        }
        return policy;
    }

    /** Every declared namespace's settings, in declaration order. */
    public Map<String, NamespacePolicy> all() {
        return policies;
    }

    private long seconds(String key, long fallback) {
        return config.getOptionalValue(key, Long.class).orElse(fallback);
    }
}
