package io.riskbase.platform.cache;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches the result of a service method in the two-tier cache (L1 node-local Hazelcast JCache, L2 Redis), loading it
 * with the method itself on a miss.
 *
 * <p>The key is namespace + tenant + the namespace's current generation + every argument except the {@link TenantId}
 * one. A tenant namespace (the default) requires exactly one {@code @TenantId} parameter — a method without one fails
 * at its first call, so a key without a tenant cannot be built. Where the result depends on the caller, the caller must
 * be an argument.
 *
 * <p>Consistency: a write annotated {@link CacheInvalidate} evicts or bumps the generation after its transaction
 * commits, on this node at once and on other nodes through the Redis invalidation channel (measured p99 in
 * docs/caching.md). When that channel is down, L1 entries live at most {@code riskbase.cache.degraded-l1-ttl-ms}.
 * Results are serialized once as JSON (JSON-B, using the method's generic return type), so they must be immutable
 * values (records, lists of records). A {@link io.riskbase.platform.errors.NotFoundException} is cached briefly as a
 * negative entry and rethrown on hits. The namespace must be declared ({@link CacheDeclaration}); the deployment fails
 * otherwise.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Cached {

    /**
     * The namespace, named through the constant of its feature's {@link CacheDeclaration}: the unit of TTL
     * ({@code riskbase.cache.ttl.<namespace>}) and invalidation. Whether it is global (shared by all tenants, no
     * {@code @TenantId}) is part of the declaration.
     */
    @Nonbinding
    String value();
}
