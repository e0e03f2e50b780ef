package io.riskbase.platform.cache;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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

    /**
     * For tests only: writes evict and bump nothing, so caches serve what they held until it expires. It exists so that
     * the partition tests' staleness checker can prove it detects stale reads (docs/reliability.md); never set it in a
     * deployment.
     */
    @Inject
    @ConfigProperty(name = "riskbase.cache.test-only.skip-invalidation", defaultValue = "false")
    boolean skipInvalidation;

    @AroundInvoke
    Object invalidate(InvocationContext ctx) throws Exception {
        Object result = ctx.proceed();
        CachedInvocations invocations = runtime.invocations();
        if (invocations != null && !skipInvalidation) {
            afterCommit.run(invocations.invalidation(ctx.getMethod(), ctx.getParameters()));
        }
        return result;
    }
}
