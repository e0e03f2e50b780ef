package io.riskbase.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of an organization's audit log: {@code hash = SHA-256(prev_hash || "|" || canonical entry)}, the first
 * entry's {@code prev_hash} being {@link #GENESIS}. The canonical form lists every recorded field in a fixed order,
 * each as {@code <length>:<value>} (or {@code -} for none), so no two different entries share it and anyone can
 * recompute the chain from an export.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    /**
     * What an entry's hash covers.
     *
     * @param atMicros the entry's time in microseconds since the epoch (the precision PostgreSQL keeps)
     */
    public record Content(
            long orgId,
            long seq,
            long atMicros,
            Long actorId,
            String actorKind,
            String action,
            String objectType,
            String objectId,
            String clientAddress,
            String data) {}

    private AuditChain() {}

    public static String canonical(Content c) {
        StringBuilder b =
                new StringBuilder(128 + (c.data() == null ? 0 : c.data().length()));
        field(b, Long.toString(c.orgId()));
        field(b, Long.toString(c.seq()));
        field(b, Long.toString(c.atMicros()));
        field(b, c.actorId() == null ? null : c.actorId().toString());
        field(b, c.actorKind());
        field(b, c.action());
        field(b, c.objectType());
        field(b, c.objectId());
        field(b, c.clientAddress());
        field(b, c.data());
        return b.toString();
    }

    public static String hash(String prevHash, Content c) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prevHash.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '|');
            sha.update(canonical(c).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static void field(StringBuilder b, String value) {
        if (value == null) {
            b.append('-');
        } else {
            b.append(value.length()).append(':').append(value);
        }
        b.append('|');
    }
}
