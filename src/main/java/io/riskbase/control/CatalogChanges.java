package io.riskbase.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** What a write did to an asset or control, as stored in {@code catalog_history.changes}: field → {old, new}. */
final class CatalogChanges {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Jsonb JSONB = JsonbBuilder.create();

    private CatalogChanges() {}

    /** The fields of a content record (null: the object does not exist, before creation or after deletion). */
    static JsonObject snapshot(Object content) {
        return content == null ? JsonValue.EMPTY_JSON_OBJECT : JSONB.fromJson(JSONB.toJson(content), JsonObject.class);
    }

    /** The differing fields; an empty object when nothing changed. */
    static String diff(JsonObject before, JsonObject after) {
        Set<String> fields = new LinkedHashSet<>(before.keySet());
        fields.addAll(after.keySet());
        JsonObjectBuilder changes = JSON.createObjectBuilder();
        for (String field : fields) {
            JsonValue old = before.getOrDefault(field, JsonValue.NULL);
            JsonValue now = after.getOrDefault(field, JsonValue.NULL);
            if (!Objects.equals(old, now)) {
                changes.add(field, JSON.createObjectBuilder().add("old", old).add("new", now));
            }
        }
        return changes.build().toString();
    }

    /** A link added ({@code linked}) or removed: {@code {field: {old: null, new: id}}} or the reverse. */
    static String link(String field, long id, boolean linked) {
        JsonValue value = JSON.createValue(id);
        return JSON.createObjectBuilder()
                .add(
                        field,
                        JSON.createObjectBuilder()
                                .add("old", linked ? JsonValue.NULL : value)
                                .add("new", linked ? value : JsonValue.NULL))
                .build()
                .toString();
    }
}
