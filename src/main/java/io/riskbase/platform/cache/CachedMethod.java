package io.riskbase.platform.cache;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the interceptors need to know about one annotated method, worked out once: its namespace, which parameter is the
 * tenant, which parameters make the key, and how its result is serialized. Several methods may share a namespace (one
 * invalidation unit), so every key starts with the reading method's name: {@code connector(7)} and {@code app(7)} can
 * never answer each other.
 */
final class CachedMethod {

    final String namespace;
    final boolean global;
    final int tenantIndex;
    final int[] keyIndexes;
    /**
     * For reads, the method's discriminator; for invalidations, the discriminator of each evicted namespace's reader.
     */
    private final Map<String, String> discriminators;

    private CachedMethod(
            String namespace, boolean global, int tenantIndex, int[] keyIndexes, Map<String, String> discriminators) {
        this.namespace = namespace;
        this.global = global;
        this.tenantIndex = tenantIndex;
        this.keyIndexes = keyIndexes;
        this.discriminators = discriminators;
    }

    static String discriminator(Method method) {
        return method.getName() + "/" + method.getParameterCount();
    }

    static CachedMethod forRead(Method method, Namespace namespace) {
        int tenant = tenantIndex(method, namespace.global());
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < method.getParameterCount(); i++) {
            if (i != tenant) {
                keys.add(i);
            }
        }
        return new CachedMethod(
                namespace.name(),
                namespace.global(),
                tenant,
                keys.stream().mapToInt(Integer::intValue).toArray(),
                Map.of(namespace.name(), discriminator(method)));
    }

    static CachedMethod forInvalidation(Method method, CacheInvalidate invalidate, boolean global) {
        int tenant = tenantIndex(method, global);
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < method.getParameterCount(); i++) {
            if (has(method.getParameterAnnotations()[i], CacheKey.class)) {
                keys.add(i);
            }
        }
        if (invalidate.entries().length > 0 && keys.isEmpty()) {
            throw new IllegalStateException(method + " evicts entries but marks no @CacheKey parameter");
        }
        Map<String, String> readers = new HashMap<>();
        for (String namespace : invalidate.entries()) {
            readers.put(namespace, readerOf(method.getDeclaringClass(), namespace));
        }
        return new CachedMethod(
                null, global, tenant, keys.stream().mapToInt(Integer::intValue).toArray(), Map.copyOf(readers));
    }

    /** The one {@code @Cached} method of the class reading the namespace whose entries a write evicts. */
    private static String readerOf(Class<?> type, String namespace) {
        List<Method> readers = new ArrayList<>();
        for (Method candidate : type.getDeclaredMethods()) {
            Cached cached = candidate.getAnnotation(Cached.class);
            if (cached != null && cached.value().equals(namespace)) {
                readers.add(candidate);
            }
        }
        if (readers.size() != 1) {
            throw new IllegalStateException(type.getName() + " evicts entries of namespace '" + namespace
                    + "', which needs exactly one @Cached method of that namespace in the same class; found "
                    + readers.size());
        }
        return discriminator(readers.get(0));
    }

    Long tenant(Object[] args) {
        if (tenantIndex < 0) {
            return null;
        }
        Object value = args[tenantIndex];
        if (!(value instanceof Number number)) {
            throw new IllegalStateException("@TenantId argument must be a non-null number, was " + value);
        }
        return number.longValue();
    }

    /** The key arguments of this read, or of the entry of {@code namespace} a write evicts: reader's name first. */
    Object[] keyArgs(String namespace, Object[] args) {
        Object[] key = new Object[keyIndexes.length + 1];
        key[0] = discriminators.get(namespace);
        for (int i = 0; i < keyIndexes.length; i++) {
            key[i + 1] = args[keyIndexes[i]];
        }
        return key;
    }

    /** Tenant namespaces must name their tenant: no key can be built without one. */
    private static int tenantIndex(Method method, boolean global) {
        int found = -1;
        for (int i = 0; i < method.getParameterCount(); i++) {
            if (has(method.getParameterAnnotations()[i], TenantId.class)) {
                if (found >= 0) {
                    throw new IllegalStateException(method + " has more than one @TenantId parameter");
                }
                found = i;
            }
        }
        if (global && found >= 0) {
            throw new IllegalStateException(method + " caches a global namespace but has a @TenantId parameter");
        }
        if (!global && found < 0) {
            throw new IllegalStateException(method + " caches a tenant namespace and needs a @TenantId parameter");
        }
        return found;
    }

    private static boolean has(Annotation[] annotations, Class<? extends Annotation> type) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType() == type) {
                return true;
            }
        }
        return false;
    }
}
