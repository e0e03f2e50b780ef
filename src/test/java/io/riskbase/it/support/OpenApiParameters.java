package io.riskbase.it.support;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;

/** The parameters an operation of the served OpenAPI document declares, shared ones ({@code $ref}) resolved. */
public final class OpenApiParameters {

    private static final String PREFIX = "#/components/parameters/";

    private OpenApiParameters() {}

    /** The operation's query parameter names, in declaration order. */
    public static List<String> queryNames(JsonObject openApi, JsonObject operation) {
        JsonArray parameters = operation.getJsonArray("parameters");
        if (parameters == null) {
            return List.of();
        }
        return parameters.getValuesAs(JsonObject.class).stream()
                .map(p -> resolve(openApi, p))
                .filter(p -> "query".equals(p.getString("in", "")))
                .map(p -> p.getString("name"))
                .toList();
    }

    private static JsonObject resolve(JsonObject openApi, JsonObject parameter) {
        if (!parameter.containsKey("$ref")) {
            return parameter;
        }
        String ref = parameter.getString("$ref");
        if (!ref.startsWith(PREFIX)) {
            throw new IllegalStateException("parameter reference outside components.parameters: " + ref);
        }
        JsonObject shared = openApi.getJsonObject("components").getJsonObject("parameters");
        JsonObject resolved = shared == null ? null : shared.getJsonObject(ref.substring(PREFIX.length()));
        if (resolved == null) {
            throw new IllegalStateException("parameter reference to nothing: " + ref);
        }
        return resolved;
    }
}
