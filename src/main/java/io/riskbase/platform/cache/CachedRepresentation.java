package io.riskbase.platform.cache;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The JSON answer of one {@link Cached} call, as the bytes the cache stores, with its strong ETag. A resource returns
 * it (written as is by {@link CachedRepresentationWriter}) so that a hit is sent without decoding the stored JSON into
 * records and encoding them again; {@code If-None-Match} is answered from the ETag before the body is touched
 * ({@link HttpCachingFilter}). Services keep their typed API for every other caller.
 *
 * <pre>{@code
 * CachedRepresentation risk = CachedRepresentation.of(() -> risks.get(caller.orgId(), id));
 * return Response.ok(risk).header(HttpHeaders.ETAG, risk.etag()).build();
 * }</pre>
 *
 * @param json the JSON text, UTF-8 (never modified: the array is the cache's)
 * @param etag the strong ETag, quoted
 */
public record CachedRepresentation(byte[] json, String etag) {

    /** Where the {@link CachedInterceptor} of the one call a resource asked for puts the stored bytes. */
    private static final ThreadLocal<CachedRepresentation[]> WANTED = new ThreadLocal<>();

    private static volatile Jsonb jsonb;

    /**
     * Runs {@code call}, which must be exactly one call of a {@link Cached} method returning an object, and answers its
     * stored JSON. While the call runs, the method's interceptor hands the stored bytes over and the call itself
     * returns null (so {@code call} must return the method's result untouched); with the cache disabled, or when the
     * call did not pass through the interceptor, the value it returns is encoded here instead.
     */
    public static CachedRepresentation of(Supplier<?> call) {
        CachedRepresentation[] slot = new CachedRepresentation[1];
        WANTED.set(slot);
        try {
            Object value = call.get();
            return slot[0] != null ? slot[0] : encode(value);
        } finally {
            WANTED.remove();
        }
    }

    /** For the interceptor: the slot of a resource waiting for bytes on this thread, taken once; else null. */
    static CachedRepresentation[] claim() {
        CachedRepresentation[] slot = WANTED.get();
        if (slot != null) {
            WANTED.remove();
        }
        return slot;
    }

    private static CachedRepresentation encode(Object value) {
        Jsonb json = jsonb;
        if (json == null) {
            json = jsonb = JsonbBuilder.create();
        }
        byte[] bytes = json.toJson(value).getBytes(StandardCharsets.UTF_8);
        return new CachedRepresentation(
                bytes, value instanceof EntityTagged tagged ? tagged.entityTag() : CacheEntry.etagOf(bytes));
    }
}
