package io.riskbase.platform.web;

import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * One page of a list: the items and the total the list would have unpaged ({@code X-Total-Count});
 * {@link PageLinksFilter} adds the {@code Link} header from that total.
 */
public record Page<T>(List<T> items, long total, int page, int size) {

    public static final String TOTAL_HEADER = "X-Total-Count";

    public Response toResponse() {
        return Response.ok(items).header(TOTAL_HEADER, total).build();
    }
}
