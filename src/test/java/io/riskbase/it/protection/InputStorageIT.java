package io.riskbase.it.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.OpenApiParameters;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the API accepts, PostgreSQL stores unchanged. Text it cannot store (U+0000) or that is not valid Unicode (a lone
 * surrogate, malformed UTF-8) is a 400 naming the field or parameter, in every string field of every body and every
 * query parameter of every operation in /openapi (new ones are covered as they appear); never a 500, never stored as
 * something else. And a configuration that passes validation fits its column.
 */
class InputStorageIT {

    private static final Logger LOG = Logger.getLogger(InputStorageIT.class.getName());
    /** JSON string literals (escapes as sent on the wire) that must be refused, and what the refusal says. */
    private static final Map<String, String> UNSTORABLE = Map.of(
            "\"a\\u0000b\"", "U+0000",
            "\"x\\ud800\"", "lone surrogate",
            "\"\\udc00y\"", "lone surrogate",
            "\"\\ude00\\ud83d\"", "lone surrogate");
    /** Percent-encoded query values that must be refused. */
    private static final Map<String, String> UNSTORABLE_QUERY = Map.of(
            "a%00b", "U+0000",
            "%00", "U+0000",
            "x%ED%A0%80", "not valid UTF-8",
            "%C3%28", "not valid UTF-8");

    static RiskbaseEnvironment env;
    static Api api;
    static Session admin;
    static JsonObject openApi;

    @BeforeAll
    static void start() {
        env = RiskbaseEnvironment.get();
        api = env.api();
        admin = Tenants.signup(api, "storage");
        openApi = FuzzIT.json(api.get("/openapi?format=JSON").expect(200).body());
    }

    @Test
    void unstorableTextInAnyBodyFieldIsA400NamingTheField() throws Exception {
        long risksBefore = count("risks");
        List<String> checked = new ArrayList<>();
        for (FuzzIT.Operation op : FuzzIT.operations(openApi)) {
            if (op.bodySchema() == null) {
                continue;
            }
            String path = op.path().replaceAll("\\{[^}]+}", "1");
            Map<String, String> fields = new LinkedHashMap<>();
            stringFields(resolve(op.bodySchema()), "", "%s", fields, 0);
            // schemas that /openapi gives without their properties
            assertTrue(
                    !fields.isEmpty(),
                    "no string field known in the body of " + op + ": " + resolve(op.bodySchema())
                            + ": /openapi must describe the body's fields");
            for (var field : fields.entrySet()) {
                for (var text : UNSTORABLE.entrySet()) {
                    String body = String.format(field.getValue(), text.getKey());
                    admin.api()
                            .sendWaitingOutRateLimits(op.method(), path, body, "application/json")
                            .expectProblem(400, "Field '" + field.getKey() + "' contains")
                            .expectProblem(400, text.getValue());
                }
                checked.add(op.method() + " " + op.path() + " " + field.getKey());
            }
        }
        // the connector settings: a map, so the schema names no field of it
        admin.api()
                .sendWaitingOutRateLimits(
                        "POST",
                        "/api/v1/marketplace/connectors/1/installation",
                        "{\"config\":{\"index\":\"x\\ud800\"}}",
                        "application/json")
                .expectProblem(400, "Field 'config.index' contains a lone surrogate");
        admin.api()
                .sendWaitingOutRateLimits(
                        "POST",
                        "/api/v1/marketplace/connectors/1/installation",
                        "{\"config\":{\"index\\u0000\":\"x\"}}",
                        "text/plain")
                .expectProblem(400, "The name of field 'config.index\uFFFD' contains U+0000");
        // bytes that are not UTF-8 are refused too, not decoded to U+FFFD
        ApiResponse malformed = api.send(
                "POST",
                "/api/v1/auth/login",
                new String(
                        new byte[] {'{', '"', 'e', 'm', 'a', 'i', 'l', '"', ':', '"', (byte) 0xED, (byte) 0xA0, '"', '}'
                        },
                        java.nio.charset.StandardCharsets.ISO_8859_1),
                "application/json");
        assertEquals(400, malformed.status(), malformed.body());
        LOG.info("Unstorable text refused in " + checked.size() + " body fields: " + checked);
        assertTrue(checked.size() >= 15, "too few body fields found: " + checked);
        assertEquals(risksBefore, count("risks"), "a refused body stored a risk");
    }

    /** Where the identity provider sends a browser back after single sign-on (web.xml protects it). */
    private static final String SSO_RETURN = "/api/v1/auth/sso/oidc/";

    @Test
    void unstorableTextInAnyQueryParameterIsA400NamingTheParameter() {
        List<String> checked = new ArrayList<>();
        for (var pathEntry : openApi.getJsonObject("paths").entrySet()) {
            if (pathEntry.getKey().startsWith(SSO_RETURN)) {
                // the container's OpenID Connect client guards it: without a sign-in in progress no request reaches
                // the application (401 problem+json from the error page), whatever its parameters
                continue;
            }
            for (var methodEntry : pathEntry.getValue().asJsonObject().entrySet()) {
                JsonObject spec = methodEntry.getValue().asJsonObject();
                String method = methodEntry.getKey().toUpperCase();
                String path = pathEntry.getKey().replaceAll("\\{[^}]+}", "1");
                List<String> names = new ArrayList<>(OpenApiParameters.queryNames(openApi, spec));
                // a parameter the operation does not declare is checked as well
                names.add("unknown");
                for (String name : names) {
                    for (var value : UNSTORABLE_QUERY.entrySet()) {
                        String body = List.of("POST", "PUT", "PATCH").contains(method) ? "{}" : null;
                        admin.api()
                                .sendWaitingOutRateLimits(
                                        method, path + "?" + name + "=" + value.getKey(), body, "application/json")
                                .expectProblem(400, "Query parameter '" + name + "' " + "")
                                .expectProblem(400, value.getValue());
                    }
                    checked.add(method + " " + pathEntry.getKey() + " ?" + name);
                }
            }
        }
        admin.api().get("/api/v1/risks?a%00=1").expectProblem(400, "name of a query parameter");
        admin.api().get("/api/v1/risks?q=a%00b").expectProblem(400, "'q' contains U+0000");
        admin.api().get("/api/v1/risks/search?q=a%00b").expectProblem(400, "'q' contains U+0000");
        // a path parameter that is not text is never a 500
        ApiResponse path = admin.api().get("/api/v1/risks/%ED%A0%80");
        assertTrue(path.status() == 400 || path.status() == 404, path.body());
        path.expectProblem(path.status(), null);
        LOG.info("Unstorable text refused in " + checked.size() + " query parameters");
        assertTrue(checked.size() >= 20, "too few query parameters found: " + checked);
    }

    @Test
    void textThatCanBeStoredIsStoredUnchanged() throws Exception {
        String title = "Ransomware ✓ Ω \uD83D\uDE00 \u202E \uFFFD end";
        JsonObject risk = admin.api()
                .post("/api/v1/risks", Map.of("title", title, "category", "security", "likelihood", 2, "impact", 3))
                .expect(201)
                .json();
        assertEquals(title, risk.getString("title"));
        long id = risk.getJsonNumber("id").longValue();
        try (Connection c = env.postgres().dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("select title from risks where id = ? and org_id = ?")) {
            s.setLong(1, id);
            s.setLong(2, admin.orgId());
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(title, rs.getString(1));
            }
        }
        assertEquals(
                title, admin.api().get("/api/v1/risks/" + id).expect(200).json().getString("title"));
    }

    @Test
    void aConfigurationThatPassesValidationFitsItsColumn() {
        String path = "/api/v1/marketplace/connectors/" + connector("splunk") + "/installation";
        // 20 keys of 64 and values of 500 characters, each valid alone: over 11,000 characters as JSON
        Map<String, String> big = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            big.put(String.format("%064d", i), "v".repeat(500));
        }
        admin.api().post(path, Map.of("config", big)).expectProblem(400, "'config' takes at most 4000 characters");
        // characters JSON must escape count as stored: 500 quotes are 1,000 characters
        Map<String, String> escaped = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            escaped.put("k" + i, "\"".repeat(500));
        }
        admin.api().post(path, Map.of("config", escaped)).expectProblem(400, "'config' takes at most 4000");
        admin.api().get(path).expectProblem(404, null);
        // just under the column: stored and read back whole
        Map<String, String> fits = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            fits.put("key" + i, "v".repeat(500));
        }
        admin.api().post(path, Map.of("config", fits)).expect(201);
        assertEquals(
                fits.get("key6"),
                admin.api().get(path).expect(200).json().getJsonObject("config").getString("key6"));
    }

    private long connector(String slug) {
        for (JsonValue c : admin.api()
                .get("/api/v1/marketplace/connectors?size=100")
                .expect(200)
                .array()) {
            if (slug.equals(c.asJsonObject().getString("slug"))) {
                return c.asJsonObject().getJsonNumber("id").longValue();
            }
        }
        throw new AssertionError("no connector " + slug);
    }

    /**
     * Every string reachable in the schema, as its path and a body template with {@code %s} where the string goes
     * (objects by property, arrays by their first item).
     */
    private static void stringFields(
            JsonObject schema, String path, String template, Map<String, String> out, int depth) {
        if (schema == null || depth > 4) {
            return;
        }
        switch (type(schema)) {
            case "string" -> out.put(path.isEmpty() ? "$" : path, template);
            case "object" -> {
                JsonObject props = schema.getJsonObject("properties");
                if (props != null) {
                    props.forEach((name, sub) -> stringFields(
                            resolve(sub.asJsonObject()),
                            path.isEmpty() ? name : path + "." + name,
                            template.replace("%s", "{\"" + name + "\":%s}"),
                            out,
                            depth + 1));
                }
                if (schema.get("additionalProperties") instanceof JsonObject values) {
                    // a map (the connector settings): any key, here "index"
                    stringFields(
                            resolve(values),
                            path.isEmpty() ? "index" : path + ".index",
                            template.replace("%s", "{\"index\":%s}"),
                            out,
                            depth + 1);
                }
            }
            case "array" -> {
                if (schema.containsKey("items")) {
                    stringFields(
                            resolve(schema.getJsonObject("items")),
                            path + "[0]",
                            template.replace("%s", "[%s]"),
                            out,
                            depth + 1);
                }
            }
            default -> {}
        }
    }

    /** The schema's type; OpenAPI 3.1 may give a list (e.g. string or null), and a pattern implies a string. */
    private static String type(JsonObject schema) {
        JsonValue type = schema.get("type");
        List<String> types = new ArrayList<>();
        if (type instanceof jakarta.json.JsonString one) {
            types.add(one.getString());
        } else if (type instanceof jakarta.json.JsonArray many) {
            many.getValuesAs(jakarta.json.JsonString.class).forEach(t -> types.add(t.getString()));
        }
        for (String known : List.of("string", "object", "array")) {
            if (types.contains(known)) {
                return known;
            }
        }
        if (schema.containsKey("properties")) {
            return "object";
        }
        return schema.containsKey("pattern") || schema.containsKey("format") ? "string" : "";
    }

    private static JsonObject resolve(JsonObject schema) {
        if (schema.containsKey("$ref")) {
            String name = schema.getString("$ref").substring("#/components/schemas/".length());
            return openApi.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
        }
        return schema;
    }

    private long count(String table) throws Exception {
        try (Connection c = env.postgres().dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from " + table + " where org_id = ?")) {
            s.setLong(1, admin.orgId());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
