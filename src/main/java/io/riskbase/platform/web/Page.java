package io.riskbase.platform.web;

import io.riskbase.platform.cache.CachedRepresentation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;

/**
 * One page of a list: the items and the total the list would have unpaged ({@code X-Total-Count});
 * {@link PageLinksFilter} adds the {@code Link} header from that total.
 */
public record Page<T>(List<T> items, long total, int page, int size) {

    public static final String TOTAL_HEADER = "X-Total-Count";

    public Response toResponse() {
        return Response.ok(items).header(TOTAL_HEADER, total).build();
    }

    /**
     * The answer of {@code call}, exactly one call of a {@code @Cached} method returning a page, made from the bytes
     * the cache stores ({@link CachedRepresentation}): a hit sends its items without decoding them into records and
     * encoding them again, with the stored value's ETag.
     */
    public static Response fromCache(Supplier<? extends Page<?>> call) {
        CachedRepresentation stored = CachedRepresentation.of(call);
        StoredPage page = StoredPage.of(stored.json());
        return Response.ok(new CachedRepresentation(page.items(), stored.etag()))
                .header(TOTAL_HEADER, page.total())
                .header(HttpHeaders.ETAG, stored.etag())
                .build();
    }
}
