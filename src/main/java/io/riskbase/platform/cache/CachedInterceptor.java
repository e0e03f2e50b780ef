package io.riskbase.platform.cache;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Adapts {@link Cached} methods to {@link CacheManager#read}. */
@Cached
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class CachedInterceptor {

    @Inject
    CacheManager cache;

    @AroundInvoke
    Object cached(InvocationContext ctx) throws Exception {
        Cached binding = ctx.getMethod().getAnnotation(Cached.class);
        if (binding == null) {
            binding = ctx.getMethod().getDeclaringClass().getAnnotation(Cached.class);
        }
        return cache.read(ctx, binding);
    }
}
