package io.riskbase.platform.cache;

import io.riskbase.platform.web.RequestThread;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Adapts {@link Cached} methods to {@link CachedInvocations#read} and reports the answer to the request. */
@Cached("")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class CachedInterceptor {

    @Inject
    CacheRuntime runtime;

    @Inject
    CacheOutcome outcome;

    @AroundInvoke
    Object cached(InvocationContext ctx) throws Exception {
        CachedInvocations invocations = runtime.invocations();
        if (invocations == null || InterceptedLoader.refreshing()) {
            return ctx.proceed();
        }
        // a resource sending the stored bytes (CachedRepresentation) gets them instead of a decoded value
        CachedRepresentation[] wanted =
                ctx.getMethod().getReturnType().isPrimitive() ? null : CachedRepresentation.claim();
        CachedInvocations.Answer answer =
                invocations.read(ctx.getMethod(), ctx.getParameters(), new InterceptedLoader(ctx), wanted == null);
        // warm-up, background refreshes and background work have no request to report to
        if (RequestThread.active()) {
            try {
                outcome.record(
                        answer.result().tier(), answer.etag() ? answer.result().etag() : null);
            } catch (ContextNotActiveException asyncContinuation) {
                // a thread marked by the filter whose request context already ended
            }
        }
        if (wanted != null) {
            wanted[0] = new CachedRepresentation(
                    answer.result().json(), answer.result().etag());
            return null;
        }
        return answer.result().value();
    }
}
