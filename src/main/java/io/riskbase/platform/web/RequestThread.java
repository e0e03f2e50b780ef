package io.riskbase.platform.web;

/**
 * Whether the current thread is serving an HTTP request ({@link RequestThreadFilter}), so that request-scoped beans are
 * asked for only there. Outside a request CDI answers each such call with a {@code ContextNotActiveException} whose
 * stack trace Weld copies: background work (an import, webhook deliveries) paid for one per cached call, repository
 * call and audit entry — several per imported row.
 */
public final class RequestThread {

    private static final ThreadLocal<Boolean> SERVING = new ThreadLocal<>();

    private RequestThread() {}

    /** True while this thread serves an HTTP request; false for background work. */
    public static boolean active() {
        return SERVING.get() != null;
    }

    static void enter() {
        SERVING.set(Boolean.TRUE);
    }

    static void exit() {
        SERVING.remove();
    }
}
