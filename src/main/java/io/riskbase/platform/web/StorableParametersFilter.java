package io.riskbase.platform.web;

import io.riskbase.platform.errors.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Answers 400 naming the parameter when a query or path parameter of any endpoint is not text the database can store
 * unchanged ({@link StorableText}): U+0000, or percent-encoded bytes that are not UTF-8 (the only way a lone surrogate
 * can reach a URL). The raw, still encoded values are decoded here strictly, because JAX-RS decodes leniently and would
 * hand the resource U+FFFD instead. Runs after authentication, so an anonymous caller still gets its 401 first.
 */
@Provider
@Priority(Priorities.USER)
public class StorableParametersFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> param :
                request.getUriInfo().getQueryParameters(false).entrySet()) {
            check("Query parameter", param.getKey(), param.getValue());
        }
        for (Map.Entry<String, List<String>> param :
                request.getUriInfo().getPathParameters(false).entrySet()) {
            check("Path parameter", param.getKey(), param.getValue());
        }
    }

    private static void check(String kind, String rawName, List<String> rawValues) {
        String name = decode(rawName);
        String nameProblem = name == null ? "is not valid UTF-8" : StorableText.problem(name);
        if (nameProblem != null) {
            // quoted as sent (percent-encoded ASCII), since decoded it is the very text that cannot be shown
            throw ApiException.badRequest(
                    "The name of a query parameter " + nameProblem + ": '" + QueryParams.abbreviate(rawName) + "'");
        }
        for (String raw : rawValues) {
            String value = decode(raw);
            String problem = value == null ? "is not valid UTF-8" : StorableText.problem(value);
            if (problem != null) {
                throw ApiException.badRequest(
                        kind + " '" + QueryParams.abbreviate(StorableText.printable(name)) + "' " + problem);
            }
        }
    }

    /** Percent-decodes strictly: null when the bytes are not UTF-8. '+' is a space in a query, as JAX-RS reads it. */
    static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int high = c == '%' && i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return StorableText.decodeUtf8(bytes.toByteArray());
    }
}
