package io.riskbase.platform.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * Adds the {@link PageLinks} header to every page a resource answers with {@link Page#toResponse()} or
 * {@link Page#fromCache} (recognised by its {@code X-Total-Count}), in one place for all lists. Page and size are read
 * back from the request the way the resource read them ({@link PageRequest#of}).
 */
@Provider
public class PageLinksFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object total = response.getHeaders().getFirst(Page.TOTAL_HEADER);
        if (response.getStatus() != 200 || total == null) {
            return;
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        PageRequest page = PageRequest.of(query.getFirst("page"), query.getFirst("size"));
        URI uri = request.getUriInfo().getRequestUri();
        response.getHeaders()
                .putSingle(
                        "Link",
                        PageLinks.header(
                                uri.getRawPath(),
                                uri.getRawQuery(),
                                page.page(),
                                page.size(),
                                Long.parseLong(total.toString())));
    }
}
