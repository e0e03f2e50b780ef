package io.riskbase.platform.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.Map;

/**
 * The details of a recorded change as a JSON object, from the map a feature hands over: numbers, booleans, strings,
 * nested maps and lists, JSON values as they are, anything else by its {@code toString()}.
 */
public final class JsonDetails {

    /** {@code Json.create…} looks the provider up again on every call (a service-loader scan): once is enough. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonDetails() {}

    public static JsonObject of(Map<String, ?> data) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        if (data != null) {
            data.forEach((k, v) -> b.add(k, value(v)));
        }
        return b.build();
    }

    private static JsonValue value(Object v) {
        if (v == null) {
            return JsonValue.NULL;
        }
        if (v instanceof JsonValue j) {
            return j;
        }
        if (v instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (v instanceof Integer || v instanceof Long) {
            return JSON.createValue(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return JSON.createValue(n.doubleValue());
        }
        if (v instanceof Map<?, ?> map) {
            JsonObjectBuilder b = JSON.createObjectBuilder();
            map.forEach((k, x) -> b.add(k.toString(), value(x)));
            return b.build();
        }
        if (v instanceof Iterable<?> list) {
            JsonArrayBuilder a = JSON.createArrayBuilder();
            list.forEach(x -> a.add(value(x)));
            return a.build();
        }
        return JSON.createValue(v.toString());
    }
}
