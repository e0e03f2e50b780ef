package io.riskbase.it.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The standard HTTP surface from Liberty's own configuration and two small filters: {@code nosniff} everywhere,
 * {@code no-store} on auth answers, RFC 8288 {@code Link} on lists, gzip for large JSON, and CORS only for the origins
 * an operator lists (none by default).
 */
class HttpSurfaceIT {

    private static final String APP_ORIGIN = RiskbaseEnvironment.BROWSER_ORIGINS.get(0);
    private static final HttpClient RAW = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    static RiskbaseEnvironment env;
    static Api api;
    static Session admin;
    static LibertyNode corsNode;

    @BeforeAll
    static void start() {
        env = RiskbaseEnvironment.get();
        api = env.api();
        admin = Tenants.signup(api, "http-surface");
        for (int i = 0; i < 30; i++) {
            admin.api()
                    .post(
                            "/api/v1/risks",
                            Map.of(
                                    "title", "Supplier outage " + i,
                                    "description", "A supplier of a critical component fails to deliver for weeks",
                                    "category", "operational",
                                    "likelihood", 1 + i % 5,
                                    "impact", 1 + (i / 5) % 5))
                    .expect(201);
        }
        corsNode = env.nodeB();
    }

    @Test
    void everyAnswerSaysNosniffIncludingLibertysOwnEndpoints() {
        for (String path : new String[] {"/api/v1/ping", "/api/v1/risks", "/health/ready", "/metrics", "/openapi"}) {
            assertEquals("nosniff", api.get(path).header("X-Content-Type-Options"), path);
        }
        assertEquals("nosniff", admin.api().get("/api/v1/risks").header("X-Content-Type-Options"));
    }

    @Test
    void authAnswersAreNeverStoredAndOtherReadsStayRevalidated() {
        Api anonymous = new Api(api.baseUrl());
        ApiResponse login = anonymous.post("/api/v1/auth/login", Map.of("email", admin.email(), "password", "x"));
        assertEquals(401, login.status());
        assertEquals("no-store", login.header("Cache-Control"), "refused login");
        ApiResponse token = anonymous
                .post("/api/v1/auth/login", Map.of("email", admin.email(), "password", Tenants.PASSWORD))
                .expect(200);
        assertEquals("no-store", token.header("Cache-Control"), "issued token");
        ApiResponse signup = anonymous.post("/api/v1/signup", Map.of()).expect(400);
        assertEquals("no-store", signup.header("Cache-Control"), "refused signup");
        String listCaching = admin.api().get("/api/v1/risks").expect(200).header("Cache-Control");
        assertEquals("private, no-cache", listCaching);
    }

    @Test
    void listsLinkTheirFirstPrevNextAndLastPagesKeepingOtherParameters() {
        ApiResponse page2 = admin.api()
                .get("/api/v1/risks?category=operational&size=7&page=2&sort=title")
                .expect(200);
        assertEquals("30", page2.header("X-Total-Count"));
        Map<String, String> links = links(page2.header("Link"));
        assertEquals(
                Map.of(
                        "first", "/api/v1/risks?category=operational&sort=title&page=1&size=7",
                        "prev", "/api/v1/risks?category=operational&sort=title&page=1&size=7",
                        "next", "/api/v1/risks?category=operational&sort=title&page=3&size=7",
                        "last", "/api/v1/risks?category=operational&sort=title&page=5&size=7"),
                links);
        // following the links walks the whole list
        int seen = 0;
        String next = "/api/v1/risks?category=operational&sort=title&size=7";
        while (next != null) {
            ApiResponse page = admin.api().get(next).expect(200);
            seen += page.array().size();
            next = links(page.header("Link")).get("next");
        }
        assertEquals(30, seen);

        Map<String, String> users =
                links(admin.api().get("/api/v1/users").expect(200).header("Link"));
        assertEquals("/api/v1/users?page=1&size=20", users.get("last"));
        assertNull(users.get("next"));
        assertTrue(
                links(admin.api()
                                .get("/api/v1/marketplace/connectors?size=1")
                                .expect(200)
                                .header("Link"))
                        .containsKey("next"),
                "marketplace connectors are paged");
        long riskId = admin.api()
                .get("/api/v1/risks?size=1")
                .array()
                .getJsonObject(0)
                .getJsonNumber("id")
                .longValue();
        assertTrue(links(admin.api()
                        .get("/api/v1/risks/" + riskId + "/history")
                        .expect(200)
                        .header("Link"))
                .containsKey("last"));
    }

    @Test
    void largeJsonIsGzippedWhenTheClientAcceptsIt() throws Exception {
        String path = "/api/v1/risks?size=100";
        HttpResponse<byte[]> plain = raw(path, null);
        HttpResponse<byte[]> gzipped = raw(path, "gzip");
        assertEquals(200, gzipped.statusCode());
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "no Accept-Encoding, no gzip");
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
        byte[] inflated = gunzip(gzipped.body());
        JsonArray fromGzip = Json.createReader(new StringReader(new String(inflated, StandardCharsets.UTF_8)))
                .readArray();
        assertEquals(30, fromGzip.size());
        assertEquals(plain.body().length, inflated.length, "the same JSON");
        assertTrue(
                gzipped.body().length * 3 < plain.body().length,
                "gzip " + gzipped.body().length + " bytes vs " + plain.body().length + " plain");
        // below Liberty's fixed 2048-byte threshold nothing is compressed
        HttpResponse<byte[]> small = raw("/api/v1/ping", "gzip");
        assertTrue(small.headers().firstValue("Content-Encoding").isEmpty(), "a 15-byte answer stays plain");
    }

    @Test
    void withoutConfiguredOriginsNoCrossOriginAccessIsGranted() {
        Api fromBrowser = new Api(api.baseUrl()).withHeader("Origin", APP_ORIGIN);
        ApiResponse preflight = fromBrowser
                .withHeader("Access-Control-Request-Method", "GET")
                .send("OPTIONS", "/api/v1/risks", null, null);
        assertNull(preflight.header("Access-Control-Allow-Origin"), "preflight: " + preflight.status());
        assertNull(fromBrowser.get("/api/v1/ping").header("Access-Control-Allow-Origin"));
    }

    @Test
    void configuredOriginsGetPreflightAndExposedHeadersOthersNothing() {
        Api fromApp = new Api(corsNode.baseUrl()).withHeader("Origin", APP_ORIGIN);
        ApiResponse preflight = fromApp.withHeader("Access-Control-Request-Method", "PATCH")
                .withHeader("Access-Control-Request-Headers", "authorization, content-type")
                .send("OPTIONS", "/api/v1/risks/1", null, null);
        assertEquals(200, preflight.status(), preflight.body());
        assertEquals(APP_ORIGIN, preflight.header("Access-Control-Allow-Origin"));
        assertTrue(preflight.header("Access-Control-Allow-Methods").contains("PATCH"), preflight.toString());
        assertTrue(
                preflight.header("Access-Control-Allow-Headers").toLowerCase().contains("authorization"),
                "allowed headers: " + preflight.header("Access-Control-Allow-Headers"));

        Session tenant = Tenants.signup(new Api(corsNode.baseUrl()), "cors");
        ApiResponse list = fromApp.as(tenant.token()).get("/api/v1/risks").expect(200);
        assertEquals(APP_ORIGIN, list.header("Access-Control-Allow-Origin"));
        assertTrue(list.header("Access-Control-Expose-Headers").contains("Link"), "Link readable by the app");

        Api fromElsewhere = new Api(corsNode.baseUrl()).withHeader("Origin", "https://evil.example.test");
        ApiResponse refused = fromElsewhere
                .withHeader("Access-Control-Request-Method", "GET")
                .send("OPTIONS", "/api/v1/risks", null, null);
        assertNull(refused.header("Access-Control-Allow-Origin"), "an origin not listed");
        assertNull(fromElsewhere.get("/api/v1/ping").header("Access-Control-Allow-Origin"));
    }

    private static final Pattern LINK = Pattern.compile("<([^>]*)>;\\s*rel=\"(\\w+)\"");

    private static Map<String, String> links(String header) {
        Map<String, String> links = new LinkedHashMap<>();
        if (header != null) {
            Matcher m = LINK.matcher(header);
            while (m.find()) {
                links.put(m.group(2), m.group(1));
            }
        }
        return links;
    }

    private HttpResponse<byte[]> raw(String path, String acceptEncoding) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + admin.token());
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return RAW.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }
}
