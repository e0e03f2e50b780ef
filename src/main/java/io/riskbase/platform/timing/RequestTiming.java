package io.riskbase.platform.timing;

import jakarta.enterprise.context.RequestScoped;

/**
 * What one request spent where: the cache tier that answered and the time spent in repositories. The cache reports its
 * tier with {@link #cacheTier(String)}; {@link DbTimedInterceptor} adds database time. Only usable while a request
 * context is active (an HTTP request); background work such as cache warm-up has none and must not call it.
 *
 * <p>When one request consults the cache several times, the slowest tier reached is reported ({@code miss} over
 * {@code l2} over {@code l1}): that is the one that explains the latency.
 */
@RequestScoped
public class RequestTiming {

    public static final String L1 = "l1";
    public static final String L2 = "l2";
    public static final String MISS = "miss";

    private String cacheTier;
    private long dbNanos;
    private int dbCalls;
    private int dbDepth;

    /** Records that the cache answered from {@code tier} ({@code l1}, {@code l2} or {@code miss}). */
    public void cacheTier(String tier) {
        if (rank(tier) > rank(cacheTier)) {
            cacheTier = tier;
        }
    }

    /** Adds database time measured outside a {@link DbTimed} class. */
    public void addDbNanos(long nanos) {
        dbNanos += nanos;
        dbCalls++;
    }

    /** The slowest cache tier this request reached, or null when it used no cache. */
    public String getCacheTier() {
        return cacheTier;
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

    private static int rank(String tier) {
        if (tier == null) {
            return 0;
        }
        return switch (tier) {
            case L1 -> 1;
            case L2 -> 2;
            case MISS -> 3;
            default -> 0;
        };
    }
}
