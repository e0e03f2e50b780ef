package io.riskbase.platform.cache;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Adapts {@link CacheInvalidate} methods to {@link CachedInvocations#invalidation}, run after commit. Its priority puts
 * it outside {@code @Transactional} (PLATFORM_BEFORE + 200), so it sees the commit.
 */
@CacheInvalidate
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class CacheInvalidateInterceptor {

    @Inject
    CacheRuntime runtime;

    @Inject
    AfterCommit afterCommit;

    @AroundInvoke
    Object invalidate(InvocationContext ctx) throws Exception {
        Object result = ctx.proceed();
        CachedInvocations invocations = runtime.invocations();
        if (invocations != null) {
            afterCommit.run(invocations.invalidation(ctx.getMethod(), ctx.getParameters()));
        }
        return result;
    }
}
