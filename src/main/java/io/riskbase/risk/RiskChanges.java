package io.riskbase.risk;

import io.riskbase.risk.RiskViews.FieldChange;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a change did to a risk, field by field: the audit record stored in {@code risk_history.changes} as
 * {@code {"field":{"old":…,"new":…}}}. Server-maintained fields (score, closed_at) are recorded too.
 */
final class RiskChanges {

    /** {@code Json.create…} looks the provider up again on every call (a service-loader scan): once is enough. */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final List<String> FIELDS = List.of(
            "title",
            "description",
            "category",
            "severity",
            "status",
            "likelihood",
            "impact",
            "score",
            "owner_id",
            "tags",
            "due_date",
            "closed_at",
            "residual",
            "target",
            "methodology_version",
            "strategy",
            "last_reviewed_at",
            "next_review_at",
            "review_note",
            // only in LINKED / UNLINKED entries (RiskService#linksChanged)
            "control_id",
            "asset_id",
            // acceptance steps only (a snapshot has none of these)
            "acceptance_id",
            "acceptance_note",
            "justification",
            "expires_at");

    private RiskChanges() {}

    /** The recorded fields of a risk (null for a risk that does not exist, before creation or after deletion). */
    static Map<String, JsonValue> snapshot(Risk r) {
        if (r == null) {
            return Map.of();
        }
        java.util.LinkedHashMap<String, JsonValue> m = new java.util.LinkedHashMap<>();
        m.put("title", string(r.getTitle()));
        m.put("description", string(r.getDescription()));
        m.put("category", string(r.getCategory()));
        m.put("severity", string(r.getSeverity().name()));
        m.put("status", string(r.getStatus().name()));
        m.put("likelihood", JSON.createValue(r.getLikelihood()));
        m.put("impact", JSON.createValue(r.getImpact()));
        m.put("score", JSON.createValue(r.getScore()));
        m.put("owner_id", r.getOwnerId() == null ? JsonValue.NULL : JSON.createValue(r.getOwnerId()));
        m.put(
                "tags",
                r.tagList().isEmpty()
                        ? JsonValue.NULL
                        : JSON.createArrayBuilder(r.tagList()).build());
        m.put(
                "due_date",
                r.getDueDate() == null
                        ? JsonValue.NULL
                        : JSON.createValue(r.getDueDate().toString()));
        m.put(
                "closed_at",
                r.getClosedAt() == null
                        ? JsonValue.NULL
                        : JSON.createValue(r.getClosedAt().toString()));
        m.put("residual", pair(r.residual()));
        m.put("target", pair(r.target()));
        m.put("methodology_version", JSON.createValue(r.getMethodologyVersion()));
        m.put(
                "strategy",
                r.getStrategy() == null
                        ? JsonValue.NULL
                        : JSON.createValue(r.getStrategy().name()));
        m.put("last_reviewed_at", time(r.getLastReviewedAt()));
        m.put("next_review_at", time(r.getNextReviewAt()));
        return m;
    }

    /** The differing fields as the stored JSON object, or null when nothing changed. */
    static String diff(Map<String, JsonValue> before, Map<String, JsonValue> after) {
        JsonObjectBuilder changes = JSON.createObjectBuilder();
        boolean any = false;
        for (String field : FIELDS) {
            JsonValue old = before.getOrDefault(field, JsonValue.NULL);
            JsonValue now = after.getOrDefault(field, JsonValue.NULL);
            if (!Objects.equals(old, now)) {
                changes.add(field, JSON.createObjectBuilder().add("old", old).add("new", now));
                any = true;
            }
        }
        return any ? changes.build().toString() : null;
    }

    static List<FieldChange> parse(String stored) {
        JsonObject object;
        try (JsonReader reader = JSON.createReader(new StringReader(stored))) {
            object = reader.readObject();
        }
        List<FieldChange> changes = new ArrayList<>();
        object.forEach((field, value) -> {
            JsonObject pair = value.asJsonObject();
            changes.add(new FieldChange(
                    field, pair.getOrDefault("old", JsonValue.NULL), pair.getOrDefault("new", JsonValue.NULL)));
        });
        return List.copyOf(changes);
    }

    private static JsonValue time(java.time.OffsetDateTime t) {
        return t == null ? JsonValue.NULL : JSON.createValue(t.toString());
    }

    private static JsonValue pair(Methodology.Assessment a) {
        return a == null
                ? JsonValue.NULL
                : JSON.createObjectBuilder()
                        .add("likelihood", a.likelihood())
                        .add("impact", a.impact())
                        .add("level", a.level())
                        .build();
    }

    private static JsonValue string(String s) {
        return s == null ? JsonValue.NULL : JSON.createValue(s);
    }
}
