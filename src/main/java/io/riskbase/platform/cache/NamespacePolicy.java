package io.riskbase.platform.cache;

/**
 * How one namespace is cached.
 *
 * @param name namespace name
 * @param global whether entries are shared by all tenants (no tenant in the key)
 * @param ttlMillis time to live of an entry in both tiers
 * @param negativeTtlMillis time to live of a cached "not found" answer
 * @param refreshAheadFraction of the TTL after which a hit starts one background reload (0 = never)
 */
public record NamespacePolicy(
        String name, boolean global, long ttlMillis, long negativeTtlMillis, double refreshAheadFraction) {

    public NamespacePolicy {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a cache namespace needs a name");
        }
        if (ttlMillis <= 0) {
            throw new IllegalArgumentException("TTL of namespace " + name + " must be positive");
        }
    }

    boolean refreshDue(long ageMillis) {
        return refreshAheadFraction > 0 && ageMillis >= ttlMillis * refreshAheadFraction;
    }
}
