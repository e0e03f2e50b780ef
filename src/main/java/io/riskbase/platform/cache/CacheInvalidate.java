package io.riskbase.platform.cache;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Invalidates cache entries when a write succeeds, after its transaction commits (never for a write that fails or rolls
 * back). Every name is a constant of a {@link CacheDeclaration}; the deployment fails on an undeclared one.
 *
 * <ul>
 *   <li>{@link #entries()}: evict one entry per namespace, keyed by the tenant and the method's {@link CacheKey}
 *       parameters in order — the same key the {@link Cached} read built from its non-tenant arguments.
 *   <li>{@link #namespaces()}: bump the tenant's generation of each namespace, which makes all of its entries
 *       unreachable at once (O(1), no key scan).
 *   <li>{@link #changes()}: announce changes; every namespace declared {@link Namespace#invalidatedBy} one of them is
 *       bumped, in whichever feature it lives (views derived from this data).
 *   <li>{@link #negatives()}: drop the tenant's cached "not found" answers of these namespaces (for creates, whose new
 *       id may have been probed before).
 * </ul>
 *
 * <p>All namespaces a write touches are global or all belong to the tenant of its {@link TenantId}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CacheInvalidate {

    @Nonbinding
    String[] entries() default {};

    @Nonbinding
    String[] namespaces() default {};

    @Nonbinding
    String[] changes() default {};

    @Nonbinding
    String[] negatives() default {};
}
