package io.riskbase.platform.cache;

import jakarta.json.bind.Jsonb;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the interceptors need to know about one annotated method, worked out once: its namespace,
 * which parameter is the tenant, which parameters make the key, and how its result is serialized.
 */
final class CachedMethod {

    final String namespace;
    final boolean global;
    final int tenantIndex;
    final int[] keyIndexes;
    final TieredCache.Codec codec;

    private CachedMethod(String namespace, boolean global, int tenantIndex, int[] keyIndexes, TieredCache.Codec codec) {
        this.namespace = namespace;
        this.global = global;
        this.tenantIndex = tenantIndex;
        this.keyIndexes = keyIndexes;
        this.codec = codec;
    }

    static CachedMethod forRead(Method method, Cached cached, Jsonb jsonb) {
        int tenant = tenantIndex(method, cached.global());
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < method.getParameterCount(); i++) {
            if (i != tenant) {
                keys.add(i);
            }
        }
        String namespace = cached.namespace().isBlank() ? method.getDeclaringClass().getSimpleName() + "." + method.getName() : cached.namespace();
        return new CachedMethod(namespace, cached.global(), tenant, keys.stream().mapToInt(Integer::intValue).toArray(),
                jsonCodec(jsonb, method.getGenericReturnType()));
    }

    static CachedMethod forInvalidation(Method method, CacheInvalidate invalidate) {
        int tenant = tenantIndex(method, invalidate.global());
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < method.getParameterCount(); i++) {
            if (has(method.getParameterAnnotations()[i], CacheKey.class)) {
                keys.add(i);
            }
        }
        if (invalidate.entries().length > 0 && keys.isEmpty()) {
            throw new IllegalStateException(method + " evicts entries but marks no @CacheKey parameter");
        }
        return new CachedMethod(null, invalidate.global(), tenant, keys.stream().mapToInt(Integer::intValue).toArray(), null);
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

    Object[] keyArgs(Object[] args) {
        Object[] key = new Object[keyIndexes.length];
        for (int i = 0; i < keyIndexes.length; i++) {
            key[i] = args[keyIndexes[i]];
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

    private static TieredCache.Codec jsonCodec(Jsonb jsonb, Type type) {
        return new TieredCache.Codec() {
            @Override
            public byte[] encode(Object value) {
                return jsonb.toJson(value).getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public Object decode(byte[] json) {
                return jsonb.fromJson(new String(json, StandardCharsets.UTF_8), type);
            }
        };
    }
}
