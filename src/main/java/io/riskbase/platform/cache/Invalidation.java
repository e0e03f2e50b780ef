package io.riskbase.platform.cache;

/**
 * A message on the invalidation channel: either "evict this key" or "this generation counter is now at least N".
 * {@code origin} lets a node ignore its own messages; {@code sentAtMillis} gives the lag.
 */
public record Invalidation(String origin, Kind kind, String namespace, String id, long generation, long sentAtMillis) {

    public enum Kind {
        EVICT,
        GENERATION
    }

    public String encode() {
        return origin + '\t' + kind.name() + '\t' + namespace + '\t' + id + '\t' + generation + '\t' + sentAtMillis;
    }

    public static Invalidation decode(String text) {
        String[] p = text.split("\t", -1);
        if (p.length != 6) {
            throw new IllegalArgumentException("not an invalidation message: " + text);
        }
        return new Invalidation(p[0], Kind.valueOf(p[1]), p[2], p[3], Long.parseLong(p[4]), Long.parseLong(p[5]));
    }
}
