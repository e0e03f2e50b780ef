package io.riskbase.platform.web;

import io.riskbase.platform.errors.ApiException;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a JSON body once with the streaming parser before JSON-B binds it, and answers 400 when it is not well-formed.
 * Needed for more than a clearer message: when JSON-B skips an unknown field whose object or array is never closed,
 * Parsson's skip loops forever at end of input (eclipse-ee4j/parsson#23), so one such request would pin a server
 * thread. The streaming parser stops at end of input. Bodies are already capped by {@link RequestBodyLimitFilter}.
 *
 * <p>The same pass refuses text the database cannot store unchanged ({@link StorableText}), in any string or field name
 * of any body, naming its JSON path: Parsson would pass a lone surrogate escape through and replace malformed UTF-8
 * with U+FFFD, so nothing later could tell.
 */
@Provider
public class WellFormedJsonInterceptor implements ReaderInterceptor {

    /** {@code Json.createParser} looks the provider up again on every call (a service-loader scan): once is enough. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(null);

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
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if ((charset == null || charset.equalsIgnoreCase("UTF-8")) && StorableText.decodeUtf8(body) == null) {
            throw ApiException.badRequest("The request body is not valid UTF-8");
        }
        requireWellFormed(body);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /**
     * Answers 400 unless the bytes are one well-formed JSON text (or empty) whose strings can all be stored unchanged;
     * for resources that take a raw body and bind it themselves.
     */
    public static void requireWellFormed(byte[] body) {
        if (body.length == 0) {
            return;
        }
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(body))) {
            JsonPath path = new JsonPath();
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                path.advance(event);
                if (event == JsonParser.Event.KEY_NAME || event == JsonParser.Event.VALUE_STRING) {
                    String text = parser.getString();
                    if (event == JsonParser.Event.KEY_NAME) {
                        path.key(text);
                    }
                    String problem = StorableText.problem(text);
                    if (problem != null) {
                        throw ApiException.badRequest(
                                (event == JsonParser.Event.KEY_NAME ? "The name of field '" : "Field '") + path + "' "
                                        + problem);
                    }
                }
            }
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            // JsonParsingException, or Parsson's plain RuntimeException for nesting deeper than 1,000:
            // the parser reads only this buffer, so any failure is the body's
            String reason = String.valueOf(e.getMessage());
            throw ApiException.badRequest("The request body is not valid JSON: "
                    + (reason.length() > 300 ? reason.substring(0, 300) + "…" : reason));
        }
    }

    /** Where the parser is, as {@code risk.tags[2]}, to name the field in a message. */
    private static final class JsonPath {
        private final Deque<Object> steps = new ArrayDeque<>();

        void advance(JsonParser.Event event) {
            // a value inside an array moves its index on; a closed container leaves the path
            if (event != JsonParser.Event.KEY_NAME
                    && event != JsonParser.Event.END_OBJECT
                    && event != JsonParser.Event.END_ARRAY
                    && steps.peekLast() instanceof Integer index) {
                steps.removeLast();
                steps.addLast(index + 1);
            }
            switch (event) {
                case START_OBJECT -> steps.addLast("");
                case START_ARRAY -> steps.addLast(-1);
                case END_OBJECT, END_ARRAY -> steps.pollLast();
                default -> {}
            }
        }

        void key(String name) {
            steps.pollLast();
            steps.addLast(name.isEmpty() ? "\"\"" : QueryParams.abbreviate(StorableText.printable(name)));
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            for (Object step : steps) {
                if (step instanceof Integer index) {
                    out.append('[').append(index).append(']');
                } else if (!((String) step).isEmpty() || out.isEmpty()) {
                    out.append(out.isEmpty() ? "" : ".").append(step);
                }
            }
            return out.isEmpty() ? "$" : out.toString();
        }
    }
}
