package io.riskbase.it.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.AddressedClient;
import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.Poll;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.TestNginx;
import io.riskbase.it.support.TestRedis;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge of one node configured as in production: HTTPS from a keystore made from PEM files with openssl (the
 * README's command), a real nginx in front of the plain-HTTP port trusted as the only proxy
 * ({@code RISKBASE_TRUSTED_PROXIES}), and a Redis that speaks only TLS and requires a password. Clients come from
 * different loopback addresses (127.0.0.2, …). The per-address login bucket is 3 with no refill to speak of, so a
 * fourth attempt from one address is a 429; the per-e-mail bucket never matters (every attempt uses a new e-mail). The
 * node runs on the embedded H2 default with its own Redis, so no other suite shares its buckets.
 */
class GatewayIT {

    private static final String REDIS_PASSWORD = "it-" + UUID.randomUUID();
    private static final String KEYSTORE_PASSWORD = "it-keystore-" + UUID.randomUUID();
    private static final Path WORK = Path.of("target", "it-gateway").toAbsolutePath();
    private static final String LOGIN = "/api/v1/auth/login";

    static TestRedis redis;
    static LibertyNode node;
    static TestNginx nginx;
    static HttpClient https;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(WORK);
        Path keystore = selfSignedKeystore();
        // Redis over TLS only, with the node's own self-signed certificate (good for localhost)
        redis = new TestRedis(REDIS_PASSWORD, WORK.resolve("cert.pem"), WORK.resolve("key.pem"));
        // the embedded default (H2, dev profile) is enough here: no PostgreSQL, no shared node needed
        Map<String, String> env = new HashMap<>();
        env.put("RISKBASE_DATA_DIR", WORK.resolve("data").toString());
        env.put("RISKBASE_WARMUP_SECONDS", "0"); // like every test node (LibertyNode)
        env.put("RISKBASE_DEMO_PASSWORD", RiskbaseEnvironment.DEMO_PASSWORD);
        // the deployment's form: the URL in plain configuration, the password from a secret
        env.put("REDIS_URL", "rediss://localhost:" + redis.port());
        env.put("REDIS_PASSWORD", REDIS_PASSWORD);
        env.put("REDIS_TLS_CA_FILE", WORK.resolve("cert.pem").toString());
        env.put("RISKBASE_TRUSTED_PROXIES", "127\\.0\\.0\\.1");
        env.put("RISKBASE_RATELIMIT_AUTH_CAPACITY", "3");
        env.put("RISKBASE_RATELIMIT_AUTH_REFILL_PER_SECOND", "0.001");
        env.put("RISKBASE_TIMING_SLOW_THRESHOLD_MS", "0");
        env.put("RISKBASE_TLS", "on");
        env.put("TLS_KEYSTORE_FILE", keystore.toString());
        env.put("TLS_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD);
        node = new LibertyNode("it-gateway", env);
        try {
            node.start();
        } catch (RuntimeException e) {
            node.stop();
            throw e;
        }
        https = HttpClient.newBuilder()
                .sslContext(trusting(WORK.resolve("cert.pem")))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        if (TestNginx.binary().isPresent()) {
            nginx = new TestNginx("gateway-it", node.httpPort());
        }
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.stop();
        }
        if (node != null) {
            node.stop();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    /** The README's way from PEM to Liberty: a self-signed certificate and key, then one PKCS#12 keystore. */
    private static Path selfSignedKeystore() throws Exception {
        Path cert = WORK.resolve("cert.pem");
        Path key = WORK.resolve("key.pem");
        Path keystore = WORK.resolve("riskbase.p12");
        Files.deleteIfExists(keystore);
        run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString());
        run(
                "openssl",
                "pkcs12",
                "-export",
                "-name",
                "riskbase",
                "-in",
                cert.toString(),
                "-inkey",
                key.toString(),
                "-out",
                keystore.toString(),
                "-passout",
                "pass:" + KEYSTORE_PASSWORD);
        return keystore;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve("openssl.log").toFile())
                .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "openssl did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": see " + WORK.resolve("openssl.log"));
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry(
                    "riskbase", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void requireNginx() {
        // CI installs nginx (.ci/run): there a missing nginx is a failure, not a reason to skip
        boolean ci = "true".equals(System.getenv("CI"));
        if (ci) {
            assertTrue(nginx != null, "nginx is required in CI (.ci/run installs nginx-light)");
        }
        Assumptions.assumeTrue(nginx != null, "nginx is not installed here: apt-get install nginx-light");
    }

    /** Wrong-password login attempts, each for a new e-mail, through nginx from one address; their statuses. */
    private static List<Integer> logins(String source, int port, int count, Map<String, String> headers) {
        AddressedClient client = AddressedClient.from(source, "http://127.0.0.1:" + port);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            client = client.withHeader(header.getKey(), header.getValue());
        }
        AddressedClient from = client;
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> from.post(
                                LOGIN,
                                "{\"email\":\"nobody-" + UUID.randomUUID() + "@gateway.test\",\"password\":\"wrong\"}")
                        .status())
                .toList();
    }

    @Test
    void clientsBehindTheGatewayHaveTheirOwnLoginBuckets() {
        requireNginx();
        assertEquals(List.of(401, 401, 401, 429), logins("127.0.0.2", nginx.port(), 4, Map.of()));
        // another client through the same gateway: its own, full bucket — not the gateway's
        assertEquals(List.of(401, 401, 401, 429), logins("127.0.0.3", nginx.port(), 4, Map.of()));
    }

    @Test
    void aClientCannotChooseItsAddressThroughTheGateway() {
        requireNginx();
        assertEquals(List.of(401, 401, 401, 429), logins("127.0.0.4", nginx.port(), 4, Map.of()));
        // the gateway replaces the client's X-Forwarded-For and drops its Forwarded: no fresh bucket either way
        assertEquals(
                List.of(429, 429), logins("127.0.0.4", nginx.port(), 2, Map.of("X-Forwarded-For", "198.51.100.7")));
        assertEquals(List.of(429), logins("127.0.0.4", nginx.port(), 1, Map.of("Forwarded", "for=198.51.100.8")));
    }

    @Test
    void aClientThatIsNoTrustedProxyCannotChooseItsAddress() {
        assertEquals(List.of(401, 401, 401, 429), logins("127.0.0.5", node.httpPort(), 4, Map.of()));
        // straight to the node: 127.0.0.5 is no trusted proxy, so its X-Forwarded-For is ignored
        assertEquals(
                List.of(429, 429), logins("127.0.0.5", node.httpPort(), 2, Map.of("X-Forwarded-For", "198.51.100.8")));
        assertEquals(List.of(429), logins("127.0.0.5", node.httpPort(), 1, Map.of("Forwarded", "for=198.51.100.9")));
    }

    @Test
    void theSlowRequestLogNamesTheRealClient() {
        requireNginx();
        logins("127.0.0.6", nginx.port(), 1, Map.of());
        Poll.until("slow_request line for 127.0.0.6 in " + node.messagesLog(), Duration.ofSeconds(20), () -> {
            try {
                return Files.readString(node.messagesLog()).contains("\"client\":\"127.0.0.6\"");
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    void httpsServesTheConfiguredCertificateWithHsts() throws Exception {
        HttpResponse<String> secure = https.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + node.httpsPort() + "/api/v1/ping"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, secure.statusCode());
        assertEquals(
                "max-age=31536000; includeSubDomains",
                secure.headers().firstValue("Strict-Transport-Security").orElse(null));
        String protocol = secure.sslSession().orElseThrow().getProtocol();
        assertTrue(protocol.equals("TLSv1.3") || protocol.equals("TLSv1.2"), protocol);
        // plain HTTP (the gateway's side) never carries HSTS
        HttpResponse<String> plain = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/ping"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, plain.statusCode());
        assertNull(plain.headers().firstValue("Strict-Transport-Security").orElse(null));
    }

    @Test
    void redisOverTlsWithAPasswordIsUsed() throws Exception {
        // the server really speaks only TLS and demands the password...
        assertTrue(!plainPing().startsWith("-NOAUTH") && !plainPing().startsWith("+PONG"), "Redis answers plain TCP?");
        assertTrue(unauthenticatedTlsPing().startsWith("-NOAUTH"), "Redis without requirepass?");
        // ...and the node, given rediss://, the CA file and the password, reaches it
        JsonObject redisCheck = Poll.until(
                "readiness reports Redis reachable",
                Duration.ofSeconds(30),
                Poll.PAUSE,
                GatewayIT::redisReadiness,
                check -> check != null && check.getJsonObject("data").getBoolean("reachable", false));
        assertEquals("UP", redisCheck.getString("status"));
        assertEquals("shared", redisCheck.getJsonObject("data").getString("rateLimits"));
    }

    /** What a plain-TCP client gets: nothing but a closed connection or an error, never a Redis answer. */
    private static String plainPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", redis.port()), 2_000);
            return ping(socket);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String unauthenticatedTlsPing() throws Exception {
        try (Socket socket =
                trusting(WORK.resolve("cert.pem")).getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", redis.port()), 2_000);
            return ping(socket);
        }
    }

    private static String ping(Socket socket) throws IOException {
        socket.setSoTimeout(2_000);
        socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] answer = new byte[128];
        int n = socket.getInputStream().read(answer);
        return new String(answer, 0, Math.max(n, 0), StandardCharsets.US_ASCII);
    }

    private static JsonObject redisReadiness() {
        try {
            HttpResponse<String> ready = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(node.baseUrl() + "/health/ready"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            try (JsonReader reader = Json.createReader(new StringReader(ready.body()))) {
                return reader.readObject().getJsonArray("checks").stream()
                        .map(check -> check.asJsonObject())
                        .filter(check -> "redis".equals(check.getString("name")))
                        .findFirst()
                        .orElse(null);
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
