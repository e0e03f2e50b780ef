package io.riskbase.platform.cache;

import java.util.UUID;

/**
 * Whether the invalidation channel delivers, judged end to end: every tick of the watch publishes a numbered probe on
 * the channel, and the node counts as coherent only while its own probes come back through its subscription. A command
 * that answers is not enough: after a partition heals, Redisson's pooled connections answer again seconds before its
 * subscription is re-established (its reconnection backs off, by default up to 10 s; riskbase.redis.reconnect-max-ms
 * caps it), and every message published in between is lost to this node. Plain Java, so the rules are unit-tested.
 */
final class ChannelProbe {

    static final String PREFIX = "probe\t";

    /** Probes of the last ticks that may still be on their way before the channel counts as lost. */
    private final int tolerance;

    private final String own = PREFIX + UUID.randomUUID() + "\t";
    private long sent;
    private volatile long heard;
    /** The first probe that, once heard, proves the channel again: one sent after it was lost. */
    private long needed = 1;

    private boolean coherent;

    ChannelProbe(int tolerance) {
        this.tolerance = tolerance;
    }

    /** One tick of the watch's decision; the probe to publish now, or null when Redis does not answer. */
    record Tick(boolean coherent, String probe) {}

    synchronized Tick tick(boolean reachable) {
        if (!reachable) {
            lose();
            return new Tick(false, null);
        }
        long probe = ++sent;
        boolean up = coherent ? heard >= probe - 1 - tolerance : heard >= needed;
        if (!up) {
            lose();
        }
        coherent = up;
        return new Tick(up, own + probe);
    }

    private void lose() {
        if (coherent) {
            needed = sent + 1;
        }
        coherent = false;
    }

    /** Whether the message was a probe (this node's or another's); this node's are counted as heard. */
    boolean received(String text) {
        if (!text.startsWith(PREFIX)) {
            return false;
        }
        if (text.startsWith(own)) {
            try {
                long n = Long.parseLong(text.substring(own.length()));
                synchronized (this) {
                    heard = Math.max(heard, n);
                }
            } catch (NumberFormatException ignored) {
                // not one of ours after all
            }
        }
        return true;
    }

    /** Whether the probe already sent has come back (for a start that waits for it). */
    boolean lastHeard() {
        return heard >= sent;
    }
}
