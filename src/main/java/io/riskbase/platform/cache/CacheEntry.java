package io.riskbase.platform.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * What both tiers store for one key, serialized once into the same bytes: when it was loaded, the strong ETag of the
 * payload, and the payload (the JSON of the result, or for a negative entry the not-found message and the negative
 * generation it belongs to).
 */
public record CacheEntry(long loadedAtMillis, boolean negative, long negativeGeneration, String etag, byte[] payload) {

    /** 2: a value's ETag may be its own ({@link EntityTagged}); entries of format 1 are misses. */
    private static final byte FORMAT = 2;

    public static CacheEntry value(long loadedAtMillis, byte[] json) {
        return value(loadedAtMillis, json, etagOf(json));
    }

    public static CacheEntry value(long loadedAtMillis, byte[] json, String etag) {
        return new CacheEntry(loadedAtMillis, false, 0, etag, json);
    }

    public static CacheEntry notFound(long loadedAtMillis, long negativeGeneration, String message) {
        return new CacheEntry(loadedAtMillis, true, negativeGeneration, null, message.getBytes(StandardCharsets.UTF_8));
    }

    public String message() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public long ageMillis(long nowMillis) {
        return nowMillis - loadedAtMillis;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(loadedAtMillis);
            out.writeBoolean(negative);
            out.writeLong(negativeGeneration);
            out.writeUTF(etag == null ? "" : etag);
            out.writeInt(payload.length);
            out.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Parses stored bytes; null for bytes of an unknown format (treated as a miss). */
    public static CacheEntry fromBytes(byte[] stored) {
        if (stored == null || stored.length == 0 || stored[0] != FORMAT) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            in.readByte();
            long loadedAt = in.readLong();
            boolean negative = in.readBoolean();
            long negativeGeneration = in.readLong();
            String etag = in.readUTF();
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            return new CacheEntry(loadedAt, negative, negativeGeneration, etag.isEmpty() ? null : etag, payload);
        } catch (IOException e) {
            return null;
        }
    }

    static String etagOf(byte[] payload) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload);
            return '"'
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16))
                    + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
