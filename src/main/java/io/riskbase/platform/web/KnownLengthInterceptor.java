package io.riskbase.platform.web;

import io.riskbase.platform.cache.CachedRepresentation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Gives every entity answer its {@code Content-Length}. Liberty's HTTP compression ({@code <compression>} in
 * server.xml) leaves bodies under 2048 bytes plain, but it can only tell when the length is known before the body is
 * sent; JAX-RS streams entities without one, so without this even a 15-byte answer would be gzipped into a larger one.
 * Answers here are small JSON documents (a page is at most 100 items), so buffering them costs one copy.
 */
@Provider
public class KnownLengthInterceptor implements WriterInterceptor {

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (context.getEntity() instanceof CachedRepresentation stored) {
            // stored bytes: the length is known without a copy
            context.getHeaders().putSingle(HttpHeaders.CONTENT_LENGTH, Integer.toString(stored.json().length));
            context.proceed();
            return;
        }
        if (context.getEntity() instanceof StreamingOutput) {
            // streamed exports (NDJSON) stay streamed: buffering them would hold the whole export in memory
            context.proceed();
            return;
        }
        OutputStream out = context.getOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
        context.setOutputStream(body);
        try {
            context.proceed();
        } finally {
            context.setOutputStream(out);
        }
        context.getHeaders().putSingle(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.size()));
        body.writeTo(out);
    }
}
