package io.riskbase.platform.cache;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Adapts {@link CacheInvalidate} methods to {@link CacheManager#invalidate}. Its priority puts it
 * outside {@code @Transactional} (PLATFORM_BEFORE + 200), so it sees the commit.
 */
@CacheInvalidate
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class CacheInvalidateInterceptor {

    @Inject
    CacheManager cache;

    @AroundInvoke
    Object invalidate(InvocationContext ctx) throws Exception {
        CacheInvalidate binding = ctx.getMethod().getAnnotation(CacheInvalidate.class);
        if (binding == null) {
            binding = ctx.getMethod().getDeclaringClass().getAnnotation(CacheInvalidate.class);
        }
        return cache.invalidate(ctx, binding);
    }
}
