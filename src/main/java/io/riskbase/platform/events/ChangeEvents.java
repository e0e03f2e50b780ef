package io.riskbase.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.Map;

/**
 * Announces committed changes (the outbox's only entrance). Call it inside the writing transaction, once per change and
 * after the change's audit entry: the outbox locks its organization's sequence row until commit, and taking that lock
 * last (after the audit chain's, after the changed rows') is what keeps two writers from waiting on each other.
 */
@ApplicationScoped
public class ChangeEvents {

    /** {@code Json.create…} looks the provider up again on every call (a service-loader scan): once is enough. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    Event<ChangeEvent> events;

    public void publish(long orgId, String type, String objectType, Object objectId, JsonObject data) {
        events.fire(new ChangeEvent(orgId, type, objectType, String.valueOf(objectId), data.toString()));
    }

    public void publish(long orgId, String type, String objectType, Object objectId, Map<String, ?> data) {
        publish(orgId, type, objectType, objectId, json(data));
    }

    private static JsonObject json(Map<String, ?> data) {
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
            var a = JSON.createArrayBuilder();
            list.forEach(x -> a.add(value(x)));
            return a.build();
        }
        return JSON.createValue(v.toString());
    }
}
