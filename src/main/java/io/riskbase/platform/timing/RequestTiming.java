package io.riskbase.platform.timing;

import jakarta.enterprise.context.RequestScoped;

/**
 * The time one request spent in repositories: {@link DbTimedInterceptor} adds it (the cache tier that answered is the
 * cache's own {@code CacheOutcome}). Only usable while a request context is active (an HTTP request); background work
 * such as cache warm-up has none and must not call it.
 */
@RequestScoped
public class RequestTiming {

    private long dbNanos;
    private int dbCalls;
    private int dbDepth;

    /** Adds database time measured outside a {@link DbTimed} class. */
    public void addDbNanos(long nanos) {
        dbNanos += nanos;
        dbCalls++;
    }

    public long getDbNanos() {
        return dbNanos;
    }

    public int getDbCalls() {
        return dbCalls;
    }

    public boolean usedDatabase() {
        return dbCalls > 0;
    }

    /** Enters a timed repository call; true when it is the outermost one (nested calls are not counted twice). */
    boolean enterDb() {
        return dbDepth++ == 0;
    }

    void exitDb() {
        dbDepth--;
    }
}
