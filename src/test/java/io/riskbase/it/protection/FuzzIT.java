package io.riskbase.it.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.OpenApiParameters;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile requests against every operation the node's /openapi lists (so endpoints added later are fuzzed
 * without touching this test): bodies built from the operation's schema and then mutated (wrong types, missing and
 * unknown fields, huge strings, deep nesting, invalid UTF-8, injection strings), bad path and query values, wrong
 * methods, content types and tokens. Expected: no answer >= 500, every 4xx is problem+json, and the fuzzed tenant's
 * rows change only when a write answered 2xx. {@code -Dfuzz.requests} (default 10,000 in the build; 50,000 with
 * {@code -Pfuzz}), {@code -Dfuzz.seed}, {@code -Dfuzz.max-seconds}.
 */
class FuzzIT {

    private static final Logger LOG = Logger.getLogger(FuzzIT.class.getName());
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final List<String> NASTY = List.of(
            "' OR '1'='1",
            "1; DROP TABLE users; --",
            "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}",
            "../../../../etc/passwd",
            "%00",
            "\u0000",
            "a\u0000b",
            // lone surrogates: sent as JSON escapes (see escapeLoneSurrogates), which PostgreSQL cannot store
            "x\uD800",
            "\uDC00y",
            "\uDE00\uD83D",
            "\uD83D\uDE00\u202E",
            "NaN",
            "-1",
            "9223372036854775808",
            "1e400",
            "true",
            "null",
            "[]",
            "{}",
            "\"",
            "\\",
            "admin@demo.riskbase.local",
            "ADMIN",
            " ",
            "",
            "%s%s%s%n",
            "\r\nX-Injected: 1",
            "𝕏".repeat(50),
            "a".repeat(300));
    /** Query values sent as they are, already percent-encoded: NUL, and bytes that are not UTF-8 (a lone surrogate). */
    private static final List<String> RAW_QUERY_VALUES = List.of("a%00b", "%00", "x%ED%A0%80", "%C3%28", "%FF");
    /** A NUL or surrogate escape in a body: only NUL and lone surrogates are sent that way (see body()). */
    private static final java.util.regex.Pattern UNSTORABLE_ESCAPE =
            java.util.regex.Pattern.compile("\\\\u(0000|[dD][89a-fA-F][0-9a-fA-F]{2})");

    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json",
            "application/json",
            "application/merge-patch+json",
            "text/plain",
            "text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json; charset=ISO-8859-1",
            "*/*",
            "garbage");

    record Operation(String method, String path, JsonObject bodySchema, List<String> queryParameters) {}

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private Random random;
    private JsonObject openApi;
    private String baseUrl;
    private List<Operation> operations;

    @Test
    void unterminatedUnknownFieldsAreRefusedInsteadOfPinningAThread() {
        // found by this fuzzer: JSON-B skipping an unclosed unknown object looped forever in Parsson
        Api api = new Api(ResilienceNode.get().node.baseUrl());
        for (String body : List.of(
                "{\"email\":\"a@b.example\",\"password\":\"x\",\"unknown\":{\"a\":{\"a\":1",
                "{\"email\":\"a@b.example\",\"unknown\":[[1,2",
                "{\"unknown\":{")) {
            api.send("POST", "/api/v1/auth/login", body, "application/json").expectProblem(400, "not valid JSON");
        }
        api.get("/health/ready").expect(200);
    }

    @Test
    void generatedHostileRequestsNeverCause5xxNonProblemErrorsOrUnacknowledgedChanges() throws Exception {
        ResilienceNode resilience = ResilienceNode.get();
        baseUrl = resilience.node.baseUrl();
        Api api = new Api(baseUrl);
        int requests = Integer.getInteger("fuzz.requests", 10000);
        long seed = Long.getLong("fuzz.seed", System.currentTimeMillis());
        long maxMillis = Long.getLong("fuzz.max-seconds", 600) * 1000;
        random = new Random(seed);
        LOG.info(
                "Fuzzing " + requests + " requests with seed " + seed + " (-Dfuzz.seed=" + seed + " repeats this run)");

        Session admin = Tenants.signup(api, "fuzz");
        Session analyst = Tenants.addUser(admin, "ANALYST");
        Session viewer = Tenants.addUser(admin, "VIEWER");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("admin", admin.token());
        tokens.put("analyst", analyst.token());
        tokens.put("viewer", viewer.token());
        List<Long> knownIds = new ArrayList<>(List.of(analyst.userId(), viewer.userId()));

        openApi = json(api.get("/openapi?format=JSON").expect(200).body());
        operations = operations(openApi);
        LOG.info("Fuzzing " + operations.size() + " operations: "
                + operations.stream().map(o -> o.method() + " " + o.path()).toList());
        assertTrue(operations.size() >= 8, "too few operations discovered: " + operations);

        try (TenantSnapshot snapshot = new TenantSnapshot(resilience.postgres, admin.orgId())) {
            fuzz(api, snapshot, requests, seed, maxMillis, admin, analyst, viewer, tokens, knownIds);
        }
    }

    private void fuzz(
            Api api,
            TenantSnapshot snapshot,
            int requests,
            long seed,
            long maxMillis,
            Session admin,
            Session analyst,
            Session viewer,
            Map<String, String> tokens,
            List<Long> knownIds)
            throws Exception {
        String state = snapshot.take();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        int validWrites = 0;
        int containerRefusals = 0;
        long start = System.currentTimeMillis();
        int sent = 0;
        for (; sent < requests; sent++) {
            if (System.currentTimeMillis() - start > maxMillis) {
                break;
            }
            Operation op = operations.get(random.nextInt(operations.size()));
            String method = random.nextInt(10) < 8 ? op.method() : METHODS.get(random.nextInt(METHODS.size()));
            String path = fillPath(op.path(), knownIds) + query(op.queryParameters());
            if (random.nextInt(50) == 0) {
                path = "/api/v1/" + URLEncoder.encode(pick(NASTY), StandardCharsets.UTF_8) + "/" + random.nextInt(100);
            }
            byte[] body =
                    "GET".equals(method) || "HEAD".equals(method) || "DELETE".equals(method) || "OPTIONS".equals(method)
                            ? (random.nextInt(20) == 0 ? bytes(pick(NASTY)) : null)
                            : body(op.bodySchema());
            String token = switch (random.nextInt(20)) {
                case 0 -> null;
                case 1 -> "garbage." + random.nextInt();
                case 2, 3 -> tokens.get("viewer");
                case 4, 5 -> tokens.get("analyst");
                default -> tokens.get("admin");
            };
            String contentType = body == null ? null : pick(CONTENT_TYPES);
            HttpResponse<String> response;
            try {
                response = send(method, path, body, contentType, token);
            } catch (java.io.IOException e) {
                violations.add("no answer (" + e + "): " + method + " " + abbreviate(path) + " [" + contentType + ", "
                        + (body == null ? 0 : body.length) + " bytes: "
                        + abbreviate(body == null ? "" : new String(body, StandardCharsets.UTF_8)) + "]");
                continue;
            }
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            String what = method + " " + abbreviate(path) + " [" + contentType + ", " + (body == null ? 0 : body.length)
                    + " bytes] -> " + status;
            if (status >= 500) {
                violations.add(what + " " + abbreviate(response.body()));
            } else if (status < 300
                    && body != null
                    && !path.contains("/auth/logout")
                    && UNSTORABLE_ESCAPE
                            .matcher(new String(body, StandardCharsets.UTF_8))
                            .find()) {
                // a NUL or lone surrogate was accepted: PostgreSQL stores it altered or not at all
                violations.add("accepted text that cannot be stored unchanged: " + what + " "
                        + abbreviate(new String(body, StandardCharsets.UTF_8)));
            } else if (status == 400 && response.body().contains("CWWWC0005I")) {
                // Liberty's web container refuses encoded control characters (%00, %0D, %0A) in the
                // path itself, before any application code or error page runs: counted, not hidden
                containerRefusals++;
            } else if (status >= 400 && !"HEAD".equals(method)) {
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (!type.startsWith("application/problem+json") || !isProblem(response.body(), status)) {
                    violations.add("not problem+json: " + what + " " + type + " " + abbreviate(response.body()));
                }
            }
            String now = snapshot.take();
            if (!now.equals(state)) {
                boolean write = !List.of("GET", "HEAD", "OPTIONS").contains(method);
                if (write && status >= 200 && status < 300) {
                    validWrites++;
                } else {
                    violations.add("data changed by a request that was not a successful write: " + what);
                }
                state = now;
            }
            if (status == 201 && path.startsWith("/api/v1/users")) {
                knownIds.add(json(response.body()).getJsonNumber("id").longValue());
            }
            if (status >= 200 && status < 300 && !"GET".equals(method) && !"HEAD".equals(method)) {
                refreshTokens(api, tokens, admin, analyst, viewer);
                state = snapshot.take();
            }
            if (violations.size() >= 25) {
                break;
            }
        }
        long millis = System.currentTimeMillis() - start;
        LOG.info("Fuzz: " + sent + " requests in " + millis + " ms, seed " + seed + ", statuses " + statuses + ", "
                + validWrites + " valid writes changed data, " + containerRefusals
                + " refused by the web container as text/html (encoded control "
                + "characters in the path), " + violations.size() + " violations");
        violations.forEach(v -> LOG.warning("fuzz violation: " + v));
        assertTrue(violations.isEmpty(), "seed " + seed + ": " + String.join("\n", violations));
        assertEquals(requests, sent, "the fuzz run hit its time bound of " + maxMillis + " ms");
        int rateLimited = statuses.getOrDefault(429, 0);
        assertTrue(rateLimited * 10 < sent, "429 dominated the run: " + statuses);
        api.get("/health/ready").expect(200);
    }

    /** Tokens a successful write may have ended (logout, role or password change) are replaced. */
    private void refreshTokens(Api api, Map<String, String> tokens, Session... sessions) {
        String[] names = {"admin", "analyst", "viewer"};
        for (int i = 0; i < sessions.length; i++) {
            if (tokens.get(names[i]) != null
                    && api.as(tokens.get(names[i])).get("/api/v1/me").status() == 401) {
                var login = api.post(
                        "/api/v1/auth/login", Map.of("email", sessions[i].email(), "password", Tenants.PASSWORD));
                tokens.put(names[i], login.status() == 200 ? login.json().getString("access_token") : null);
            }
        }
        assertTrue(tokens.get("admin") != null, "the fuzzed admin can no longer log in");
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String contentType, String token)
            throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null && !"garbage".equals(contentType)) {
            builder.header("Content-Type", contentType);
        } else if ("garbage".equals(contentType)) {
            builder.header("Content-Type", "\u00e9/\u00e9");
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (random.nextInt(15) == 0) {
            builder.header(
                    "Accept",
                    pick(List.of("application/xml", "text/html", "*/*", "application/problem+json", "image/png")));
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String fillPath(String template, List<Long> knownIds) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open);
            int close = template.indexOf('}', open);
            out.append(
                    switch (random.nextInt(6)) {
                        case 0, 1 -> Long.toString(knownIds.get(random.nextInt(knownIds.size())));
                        case 2 -> Long.toString(random.nextInt(1_000_000) + 1_000_000L);
                        case 3 -> Long.toString(random.nextLong());
                        case 4 -> "999999999999999999999999";
                        default ->
                            URLEncoder.encode(pick(NASTY), StandardCharsets.UTF_8)
                                    .replace("+", "%20");
                    });
            i = close + 1;
        }
        return out.toString();
    }

    /** Mostly the operation's own parameters, so that a bad value gets past the others to the query that uses it. */
    private String query(List<String> declared) {
        if (random.nextInt(3) != 0) {
            return "";
        }
        StringBuilder q = new StringBuilder("?");
        int n = 1 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
            String name = !declared.isEmpty() && random.nextInt(4) != 0
                    ? pick(declared)
                    : pick(List.of("page", "size", "sort", "q", "status", "x", "page"));
            String value = switch (random.nextInt(6)) {
                case 0 -> Integer.toString(random.nextInt(200) - 50);
                case 1 -> "a".repeat(1 + random.nextInt(5000));
                case 2 -> null;
                default -> pick(NASTY);
            };
            q.append(k == 0 ? "" : "&")
                    .append(name)
                    .append('=')
                    .append(value == null ? pick(RAW_QUERY_VALUES) : URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    private byte[] body(JsonObject schema) {
        switch (random.nextInt(13)) {
            case 0:
                return bytes("[".repeat(1 + random.nextInt(20_000)));
            case 1:
                return bytes("{\"a\":".repeat(1 + random.nextInt(5_000)) + "1" + "}".repeat(random.nextInt(5_000)));
            case 2: {
                byte[] junk = new byte[random.nextInt(2_000)];
                random.nextBytes(junk);
                return junk;
            }
            case 3:
                return new byte[] {
                    '{', '"', 'e', 'm', 'a', 'i', 'l', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'
                };
            case 4:
                return bytes("");
            case 5:
                return zip();
            default:
                String valid = value(schema == null ? null : resolve(schema), 0).toString();
                return bytes(escapeLoneSurrogates(random.nextInt(3) == 0 ? mutate(valid) : valid));
        }
    }

    /**
     * A zip as an XLSX upload might be: the parts of a workbook with broken or hostile XML (an entity expansion, a
     * sheet of junk), sometimes cut short.
     */
    private byte[] zip() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            List<String> parts = List.of(
                    "[Content_Types].xml",
                    "_rels/.rels",
                    "xl/workbook.xml",
                    "xl/_rels/workbook.xml.rels",
                    "xl/worksheets/sheet1.xml",
                    "xl/sharedStrings.xml");
            for (String part : parts) {
                if (random.nextInt(4) == 0 && !part.contains("sheet1")) {
                    continue;
                }
                zip.putNextEntry(new java.util.zip.ZipEntry(part));
                String xml = switch (random.nextInt(4)) {
                    case 0 ->
                        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">"
                                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><x>&b;&b;&b;</x>";
                    case 1 ->
                        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + pick(NASTY)
                                + "</t></is></c></row></sheetData></worksheet>";
                    case 2 -> pick(NASTY);
                    default -> "<" + "x".repeat(random.nextInt(100));
                };
                zip.write(xml.getBytes(StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        byte[] bytes = out.toByteArray();
        return random.nextInt(4) == 0 ? java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)) : bytes;
    }

    /** A JSON value that fits the schema, with nasty but type-correct strings now and then. */
    private JsonValue value(JsonObject schema, int depth) {
        if (schema == null || depth > 6) {
            return Json.createValue(pick(NASTY));
        }
        if (schema.containsKey("enum")) {
            JsonArray values = schema.getJsonArray("enum");
            return random.nextInt(10) == 0 ? Json.createValue(pick(NASTY)) : values.get(random.nextInt(values.size()));
        }
        String type = schema.getString("type", "object");
        return switch (type) {
            case "object" -> {
                var object = Json.createObjectBuilder();
                JsonObject props = schema.getJsonObject("properties");
                if (props != null) {
                    props.forEach((name, sub) -> {
                        if (random.nextInt(10) != 0) {
                            object.add(name, value(resolve(sub.asJsonObject()), depth + 1));
                        }
                    });
                }
                yield object.build();
            }
            case "array" -> {
                var array = Json.createArrayBuilder();
                for (int k = random.nextInt(4); k > 0; k--) {
                    array.add(value(
                            schema.containsKey("items") ? resolve(schema.getJsonObject("items")) : null, depth + 1));
                }
                yield array.build();
            }
            case "integer" ->
                // mostly within declared bounds, so that the other fields of a body get past validation
                schema.containsKey("minimum") && schema.containsKey("maximum") && random.nextInt(4) != 0
                        ? Json.createValue(schema.getJsonNumber("minimum").longValue()
                                + random.nextInt(1
                                        + (int) Math.min(
                                                1000,
                                                schema.getJsonNumber("maximum").longValue()
                                                        - schema.getJsonNumber("minimum")
                                                                .longValue())))
                        : Json.createValue(random.nextInt(5) == 0 ? random.nextLong() : random.nextInt(100));
            case "number" -> Json.createValue(random.nextDouble() * 1000);
            case "boolean" -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            default -> Json.createValue(string(schema));
        };
    }

    private String string(JsonObject schema) {
        String format = schema.getString("format", "");
        return switch (random.nextInt(6)) {
            case 0 -> pick(NASTY);
            case 1 -> "x".repeat(random.nextInt(70_000));
            default ->
                format.equals("email") || random.nextInt(3) == 0
                        ? "fuzz-" + Long.toHexString(random.nextLong()) + "@fuzz.example"
                        : "Fuzz " + Long.toHexString(random.nextLong()) + (random.nextBoolean() ? "" : " ✓ Ω");
        };
    }

    /** Breaks a valid body: wrong types, truncation, unknown or duplicate fields, nulls. */
    private String mutate(String json) {
        return switch (random.nextInt(7)) {
            case 0 -> json.substring(0, random.nextInt(Math.max(1, json.length())));
            case 1 ->
                json.replaceFirst(
                        ":\"[^\"]*\"",
                        java.util.regex.Matcher.quoteReplacement(
                                ":" + pick(List.of("123", "[1,2]", "{\"x\":1}", "null", "true", "1e999"))));
            case 2 ->
                json.replaceFirst(
                        ":(-?[0-9]+)",
                        java.util.regex.Matcher.quoteReplacement(
                                ":\"" + pick(NASTY).replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
            case 3 ->
                json.startsWith("{") && json.length() > 2
                        ? "{\"unknown_field\":" + json + "," + json.substring(1)
                        : json + "x";
            case 4 -> json.replace(":", ":null,\"n\":");
            case 5 -> "null";
            default -> "[" + json + "]";
        };
    }

    private JsonObject resolve(JsonObject schema) {
        if (schema.containsKey("$ref")) {
            String name = schema.getString("$ref").substring("#/components/schemas/".length());
            return openApi.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
        }
        return schema;
    }

    static List<Operation> operations(JsonObject openApi) {
        List<Operation> ops = new ArrayList<>();
        openApi.getJsonObject("paths")
                .forEach((path, item) -> item.asJsonObject().forEach((method, spec) -> {
                    if (!METHODS.contains(method.toUpperCase())) {
                        return;
                    }
                    JsonObject schema = null;
                    JsonObject requestBody = spec.asJsonObject().getJsonObject("requestBody");
                    if (requestBody != null && requestBody.containsKey("content")) {
                        JsonObject content = requestBody.getJsonObject("content");
                        JsonObject media = content.containsKey("application/json")
                                ? content.getJsonObject("application/json")
                                : content.values().iterator().next().asJsonObject();
                        schema = media.getJsonObject("schema");
                    }
                    List<String> query = OpenApiParameters.queryNames(openApi, spec.asJsonObject());
                    ops.add(new Operation(method.toUpperCase(), path, schema, query));
                }));
        return ops;
    }

    private static boolean isProblem(String body, int status) {
        try {
            JsonObject problem = json(body);
            return problem.getInt("status") == status && problem.containsKey("title");
        } catch (RuntimeException e) {
            return false;
        }
    }

    static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /**
     * Writes each lone surrogate as a JSON escape: the JSON writer leaves it as a char, which as UTF-8 would be sent as
     * '?', and the server would never see it.
     */
    static String escapeLoneSurrogates(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))) {
                out.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "…(" + s.length() + ")" : s;
    }

    /** A digest of every row of the tenant (each table with an org_id column, and its organization). */
    static final class TenantSnapshot implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement query;

        TenantSnapshot(io.riskbase.it.support.TestPostgres postgres, long orgId) throws Exception {
            connection = postgres.dataSource().getConnection();
            List<String> parts = new ArrayList<>(List.of(
                    "(select coalesce(string_agg(t::text, '|' order by t::text), '') from organizations t where id = "
                            + orgId + ")"));
            try (ResultSet rs = connection
                    .createStatement()
                    .executeQuery("select table_name from information_schema.columns "
                            + "where table_schema = 'public' and column_name = 'org_id' order by table_name")) {
                while (rs.next()) {
                    parts.add("(select coalesce(string_agg(t::text, '|' order by t::text), '') from " + rs.getString(1)
                            + " t where org_id = " + orgId + ")");
                }
            }
            query = connection.prepareStatement("select md5(" + String.join(" || '#' || ", parts) + ")");
        }

        String take() throws Exception {
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}
