package io.riskbase.platform.cache;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Invalidates cache entries when a write succeeds, after its transaction commits (never for a write
 * that fails or rolls back).
 *
 * <ul>
 *   <li>{@link #entries()}: evict one entry per namespace, keyed by the tenant and the method's
 *       {@link CacheKey} parameters in order — the same key the {@link Cached} read built from its
 *       non-tenant arguments.</li>
 *   <li>{@link #namespaces()}: bump the tenant's generation of each namespace, which makes all of its
 *       entries unreachable at once (O(1), no key scan).</li>
 *   <li>{@link #negatives()}: drop the tenant's cached "not found" answers of these namespaces (for
 *       creates, whose new id may have been probed before).</li>
 * </ul>
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
    String[] negatives() default {};

    /** Whether the namespaces are global (no tenant): for catalogue writes. */
    @Nonbinding
    boolean global() default false;
}
