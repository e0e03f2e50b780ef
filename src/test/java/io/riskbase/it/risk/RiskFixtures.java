package io.riskbase.it.risk;

import io.riskbase.it.support.Api;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds risk bodies and reads ids out of responses. */
final class RiskFixtures {

    private RiskFixtures() {}

    static Map<String, Object> risk(String title, String category, int likelihood, int impact) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("category", category);
        body.put("likelihood", likelihood);
        body.put("impact", impact);
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, Object... pairs) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        for (int i = 0; i < pairs.length; i += 2) {
            copy.put((String) pairs[i], pairs[i + 1]);
        }
        return copy;
    }

    static JsonObject create(Api api, Map<String, Object> body) {
        return api.post("/api/v1/risks", body).expect(201).json();
    }

    static long id(JsonObject risk) {
        return risk.getJsonNumber("id").longValue();
    }

    static List<Long> ids(JsonArray risks) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < risks.size(); i++) {
            ids.add(risks.getJsonObject(i).getJsonNumber("id").longValue());
        }
        return ids;
    }
}
