package io.riskbase.platform.cache;

import java.util.List;

/**
 * A feature's cache namespaces and the changes it announces, declared once. Implement it in one {@code @Dependent}
 * class per feature that also holds the names as constants, and name namespaces only through those constants. At
 * deployment every {@code @Cached}/{@code @CacheInvalidate} is checked against all declarations
 * ({@link NamespaceCatalog#problems}): a misspelt or undeclared name stops the deployment.
 */
public interface CacheDeclaration {

    /** The namespaces this feature caches. */
    List<Namespace> namespaces();

    /**
     * The changes this feature's writes announce with {@link CacheInvalidate#changes()}; namespaces of any feature
     * subscribe to them with {@link Namespace#invalidatedBy}.
     */
    default List<String> changes() {
        return List.of();
    }
}
