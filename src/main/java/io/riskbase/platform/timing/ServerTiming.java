package io.riskbase.platform.timing;

/** Formats the timing headers: {@code X-Response-Time: 4.56ms} and W3C {@code Server-Timing}. */
final class ServerTiming {

    private ServerTiming() {}

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    static String responseTime(long totalNanos) {
        return twoDecimals(totalNanos) + "ms";
    }

    /**
     * Milliseconds with two decimals, rounded half up; without String.format, which costs more than the rest of the
     * filter.
     */
    static String twoDecimals(long nanos) {
        long hundredths = (Math.max(0, nanos) + 5_000) / 10_000;
        long fraction = hundredths % 100;
        return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }

    /**
     * {@code cache;desc="l1", db;dur=1.23, redis;dur=0.40;desc="2", total;dur=4.56}: the cache entry only when a cache
     * was consulted, the db entry only when a repository ran, the redis entry (time and number of calls) only when the
     * request called Redis.
     */
    static String header(
            String cacheTier, boolean usedDatabase, long dbNanos, int redisCalls, long redisNanos, long totalNanos) {
        StringBuilder header = new StringBuilder(64);
        if (cacheTier != null) {
            header.append("cache;desc=\"").append(cacheTier).append("\", ");
        }
        if (usedDatabase) {
            header.append("db;dur=").append(twoDecimals(dbNanos)).append(", ");
        }
        if (redisCalls > 0) {
            header.append("redis;dur=")
                    .append(twoDecimals(redisNanos))
                    .append(";desc=\"")
                    .append(redisCalls)
                    .append("\", ");
        }
        return header.append("total;dur=").append(twoDecimals(totalNanos)).toString();
    }
}
