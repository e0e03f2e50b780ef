package io.riskbase.platform.web;

import io.riskbase.platform.errors.ApiException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rejects bodies over {@code riskbase.http.max-body-bytes} with 413, both when Content-Length says so and when a
 * chunked body grows past the limit while it is read. The few endpoints made for large bodies (an import file, a bulk
 * edit) have their own limits in {@code riskbase.http.large-bodies}: {@code METHOD path=bytes}, comma-separated, path
 * relative to the API root.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestBodyLimitFilter implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "riskbase.http.max-body-bytes", defaultValue = "65536")
    long maxBodyBytes;

    @Inject
    @ConfigProperty(
            name = "riskbase.http.large-bodies",
            defaultValue = "POST risks/import=20971520,PATCH risks=2097152")
    String largeBodies;

    private volatile java.util.Map<String, Long> large;

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = limit(request.getMethod(), request.getUriInfo().getPath());
        if (request.getLength() > limit) {
            throw tooLarge(limit);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new BoundedInputStream(request.getEntityStream(), limit));
        }
    }

    long limit(String method, String path) {
        java.util.Map<String, Long> routes = large;
        if (routes == null) {
            routes = parse(largeBodies);
            large = routes;
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return routes.getOrDefault(method + " " + p, maxBodyBytes);
    }

    static java.util.Map<String, Long> parse(String spec) {
        java.util.Map<String, Long> routes = new java.util.HashMap<>();
        if (spec == null || spec.isBlank()) {
            return routes;
        }
        for (String entry : spec.split(",")) {
            int eq = entry.lastIndexOf('=');
            if (eq > 0) {
                routes.put(
                        entry.substring(0, eq).strip().replaceAll("\\s+", " "),
                        Long.parseLong(entry.substring(eq + 1).strip()));
            }
        }
        return routes;
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(413, "The request body exceeds the limit of " + limit + " bytes");
    }

    private final class BoundedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > limit) {
                throw tooLarge(limit);
            }
        }
    }
}
