package io.riskbase.platform.cache;

import jakarta.interceptor.InvocationContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Loads a value for {@link CachedInterceptor}: the caller's own invocation proceeds through the remaining interceptors;
 * a refresh-ahead in the background (after the caller's invocation has returned) invokes the method again, with the
 * cache bypassed on that thread ({@link #refreshing()}).
 */
final class InterceptedLoader implements TieredCache.Loader {

    /** Set while a background refresh invokes a cached method: that call must load, not read the cache. */
    private static final ThreadLocal<Boolean> REFRESHING = new ThreadLocal<>();

    private final InvocationContext ctx;
    private final Method method;
    private final Object target;
    private final Object[] args;
    private final Thread caller = Thread.currentThread();
    private volatile boolean proceeded;

    InterceptedLoader(InvocationContext ctx) {
        this.ctx = ctx;
        this.method = ctx.getMethod();
        this.target = ctx.getTarget();
        this.args = ctx.getParameters();
    }

    static boolean refreshing() {
        return REFRESHING.get() != null;
    }

    @Override
    public Object load() throws Exception {
        if (!proceeded && Thread.currentThread() == caller) {
            proceeded = true;
            return ctx.proceed();
        }
        REFRESHING.set(Boolean.TRUE);
        try {
            method.setAccessible(true);
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            REFRESHING.remove();
        }
    }
}
