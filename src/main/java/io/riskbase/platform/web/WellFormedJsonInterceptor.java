package io.riskbase.platform.web;

import io.riskbase.platform.errors.ApiException;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Reads a JSON body once with the streaming parser before JSON-B binds it, and answers 400 when it is not well-formed.
 * Needed for more than a clearer message: when JSON-B skips an unknown field whose object or array is never closed,
 * Parsson's skip loops forever at end of input (eclipse-ee4j/parsson#23), so one such request would pin a server
 * thread. The streaming parser stops at end of input. Bodies are already capped by {@link RequestBodyLimitFilter}.
 */
@Provider
public class WellFormedJsonInterceptor implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        // a wildcard type reaches the JSON readers too (every endpoint here consumes JSON), so check it as JSON
        if (type == null
                || !(type.isWildcardSubtype()
                        || type.getSubtype().equals("json")
                        || type.getSubtype().endsWith("+json"))) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        requireWellFormed(body);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /**
     * Answers 400 unless the bytes are one well-formed JSON text (or empty); for resources that take a raw body and
     * bind it themselves.
     */
    public static void requireWellFormed(byte[] body) {
        if (body.length == 0) {
            return;
        }
        try (JsonParser parser = Json.createParser(new ByteArrayInputStream(body))) {
            while (parser.hasNext()) {
                parser.next();
            }
        } catch (RuntimeException e) {
            // JsonParsingException, or Parsson's plain RuntimeException for nesting deeper than 1,000:
            // the parser reads only this buffer, so any failure is the body's
            String reason = String.valueOf(e.getMessage());
            throw ApiException.badRequest("The request body is not valid JSON: "
                    + (reason.length() > 300 ? reason.substring(0, 300) + "…" : reason));
        }
    }
}
