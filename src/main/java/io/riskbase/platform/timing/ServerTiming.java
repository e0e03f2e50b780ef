package io.riskbase.platform.timing;

import java.util.Locale;

/** Formats the timing headers: {@code X-Response-Time: 4.56ms} and W3C {@code Server-Timing}. */
final class ServerTiming {

    private ServerTiming() {
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    static String responseTime(long totalNanos) {
        return String.format(Locale.ROOT, "%.2fms", millis(totalNanos));
    }

    /**
     * {@code cache;desc="l1", db;dur=1.23, total;dur=4.56}: the cache entry only when a cache was
     * consulted, the db entry only when a repository ran.
     */
    static String header(String cacheTier, boolean usedDatabase, long dbNanos, long totalNanos) {
        StringBuilder header = new StringBuilder(64);
        if (cacheTier != null) {
            header.append("cache;desc=\"").append(cacheTier).append("\", ");
        }
        if (usedDatabase) {
            header.append(String.format(Locale.ROOT, "db;dur=%.2f, ", millis(dbNanos)));
        }
        return header.append(String.format(Locale.ROOT, "total;dur=%.2f", millis(totalNanos))).toString();
    }
}
