package io.riskbase.it.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.riskbase.it.support.Api;
import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.Poll;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks against real HTTP receivers on loopback (allowed for tests by RISKBASE_WEBHOOKS_ALLOWED_PRIVATE_NETWORKS),
 * with two nodes running dispatchers on one database: every event arrives, signed, in order, from one node.
 */
class WebhookIT {

    static final Duration ARRIVAL = Duration.ofSeconds(60);
    static RiskbaseEnvironment env;
    static Api api;
    static LibertyNode nodeB;
    final List<Receiver> receivers = new ArrayList<>();

    @BeforeAll
    static void start() {
        env = RiskbaseEnvironment.get();
        api = env.api();
        // two dispatchers compete for every endpoint
        nodeB = env.nodeB();
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(r -> r.server.stop(0));
    }

    /** One request as received. */
    record Received(String id, String timestamp, String signature, String body, int answered) {
        JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        long seq() {
            return json().getJsonNumber("seq").longValue();
        }
    }

    /**
     * A receiver whose n-th request (1-based) is answered with {@code answers.applyAsInt(n)}; 0 = hang past timeout.
     */
    final class Receiver {
        final HttpServer server;
        final List<Received> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger count = new AtomicInteger();
        volatile IntUnaryOperator answers;

        Receiver(IntUnaryOperator answers) throws IOException {
            this.answers = answers;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = this.answers.applyAsInt(count.incrementAndGet());
                // recorded on arrival, so the list is in the order the node sent; a hang is answered 0 (never seen)
                requests.add(new Received(
                        exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"),
                        body,
                        status));
                if (status == 0) {
                    try {
                        Thread.sleep(3000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    status = 200;
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            receivers.add(this);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        /** Ids answered 2xx, in the order they were answered. */
        List<String> delivered() {
            return requests.stream()
                    .filter(r -> r.answered >= 200 && r.answered < 300)
                    .map(Received::id)
                    .toList();
        }
    }

    /**
     * Standard Webhooks verification written from the specification, apart from the server's code: HMAC-SHA256 keyed
     * with the base64-decoded secret over "id.timestamp.body", compared in constant time with any v1 signature.
     */
    static boolean verifies(String secret, Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal((r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8));
        for (String part : r.signature().split(" ")) {
            if (part.startsWith("v1,")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(part.substring(3)))) {
                return true;
            }
        }
        return false;
    }

    static JsonObject createWebhook(Api admin, String url, List<String> types) {
        return admin.post("/api/v1/webhooks", Map.of("url", url, "event_types", types))
                .expect(201)
                .json();
    }

    static long createRisk(Api as, String title) {
        return EventFeedIT.createRisk(as, title);
    }

    @Test
    void everyEventArrivesSignedAndInOrderDespiteFailuresAndTimeouts() throws Exception {
        // 1st attempt 500, 2nd hangs past the read timeout, 3rd 503, then every request succeeds
        Receiver receiver = new Receiver(n -> n == 1 ? 500 : n == 2 ? 0 : n == 3 ? 503 : 200);
        Session admin = Tenants.signup(api, "webhooks-order");
        JsonObject webhook = createWebhook(admin.api(), receiver.url(), List.of("risk.*", "task.created"));
        String secret = webhook.getString("secret");
        assertTrue(secret.startsWith("whsec_"), secret);
        long webhookId = webhook.getJsonNumber("id").longValue();
        assertFalse(admin.api()
                .get("/api/v1/webhooks/" + webhookId)
                .expect(200)
                .json()
                .containsKey("secret"));

        Api onB = admin.on(nodeB);
        for (int i = 0; i < 4; i++) {
            long risk = createRisk(i % 2 == 0 ? admin.api() : onB, "Hooked " + i);
            admin.api()
                    .post("/api/v1/risks/" + risk + "/tasks", Map.of("title", "Task " + i))
                    .expect(201);
        }
        Tenants.addUser(admin, "VIEWER"); // user.created: not subscribed

        List<JsonObject> feed = EventFeedIT.feed(admin.api(), 0);
        List<String> wanted = feed.stream()
                .filter(e -> e.getString("type").startsWith("risk.")
                        || e.getString("type").equals("task.created"))
                .map(e -> e.getString("id"))
                .toList();
        assertEquals(8, wanted.size());
        Poll.until("all events delivered", ARRIVAL, () -> receiver.delivered().size() >= wanted.size());
        Poll.pause(Duration.ofMillis(500));

        assertEquals(wanted, receiver.delivered(), "each event delivered once, in feed order");
        long lastSeq = 0;
        for (Received r : receiver.requests) {
            assertTrue(r.seq() >= lastSeq, "a later event arrived before an earlier one was delivered: " + r.id());
            lastSeq = r.seq();
            assertTrue(verifies(secret, r), "signature of " + r.id());
            assertFalse(
                    verifies("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), r),
                    "a wrong secret must not verify");
            long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(r.timestamp()));
            assertTrue(age < 300, "timestamp is now-ish");
            JsonObject body = r.json();
            assertEquals(r.id(), body.getString("id"));
            assertTrue(body.containsKey("type") && body.containsKey("data") && body.containsKey("occurred_at"));
        }
        Received first = receiver.requests.get(0);
        Received tampered = new Received(
                first.id(), first.timestamp(), first.signature(), first.body().replace("Hooked", "Hacked"), 200);
        assertFalse(verifies(secret, tampered), "a changed body must not verify");

        List<JsonObject> log = admin.api()
                .get("/api/v1/webhooks/" + webhookId + "/deliveries?size=100")
                .expect(200)
                .array()
                .getValuesAs(JsonObject.class);
        assertEquals(wanted.size(), log.size());
        JsonObject oldest = log.get(log.size() - 1);
        assertEquals(wanted.get(0), oldest.getString("event_id"));
        assertEquals("SUCCEEDED", oldest.getString("status"));
        assertEquals(4, oldest.getInt("attempts"), oldest.toString());
        assertTrue(oldest.getString("last_error").contains("503"), oldest.toString());
        log.forEach(d -> assertEquals("SUCCEEDED", d.getString("status"), d.toString()));

        // a replay sends the same event again, with the same webhook-id
        int before = receiver.delivered().size();
        admin.api()
                .post("/api/v1/webhooks/" + webhookId + "/deliveries/" + oldest.getJsonNumber("id") + "/replay", "")
                .expect(202);
        Poll.until("replayed", ARRIVAL, () -> receiver.delivered().size() > before);
        assertEquals(wanted.get(0), receiver.delivered().get(before));
    }

    @Test
    void theAuditLogGoesOnlyToTheWebhooksThatNameItWhileOneDoes() throws Exception {
        Receiver audit = new Receiver(n -> 200);
        Receiver changes = new Receiver(n -> 200);
        Session admin = Tenants.signup(api, "webhooks-audit");
        Session other = Tenants.signup(api, "webhooks-audit-other");
        createWebhook(admin.api(), changes.url(), List.of("*"));
        createRisk(admin.api(), "Before forwarding");
        assertEquals(List.of(), auditEvents(admin), "nothing forwarded while no webhook asks for the audit log");

        long auditHook = createWebhook(admin.api(), audit.url(), List.of("audit.recorded"))
                .getJsonNumber("id")
                .longValue();
        createRisk(admin.api(), "Forwarded from A");
        // node B learns of the new webhook through the invalidation channel
        Poll.until("node B forwards", ARRIVAL, () -> {
            createRisk(admin.on(nodeB), "Forwarded from B");
            return auditEvents(admin).stream()
                    .anyMatch(e -> e.getJsonObject("data").getString("action").equals("risk.created")
                            && e.getJsonObject("data").toString().contains("Forwarded from B"));
        });
        api.post("/api/v1/auth/login", Map.of("email", admin.email(), "password", "wrong-password-1"))
                .expect(401);
        createRisk(other.api(), "Other organization's write");

        List<JsonObject> forwarded = auditEvents(admin);
        assertTrue(
                forwarded.stream()
                        .anyMatch(
                                e -> e.getJsonObject("data").getString("action").equals("login.failed")),
                "a failed login is forwarded with the rest");
        // each forwarded entry is the audit log's own entry: same seq, content and hashes
        for (JsonObject event : forwarded) {
            assertEquals(auditEntry(admin, event), event.getJsonObject("data"));
        }
        Poll.until(
                "forwarded entries delivered", ARRIVAL, () -> audit.delivered().size() >= forwarded.size());
        Poll.pause(Duration.ofMillis(500));
        assertEquals(forwarded.stream().map(e -> e.getString("id")).toList(), audit.delivered());
        assertTrue(
                changes.requests.stream()
                        .noneMatch(r -> r.json().getString("type").startsWith("audit.")),
                "'*' takes every change, not the audit log");
        assertEquals(List.of(), auditEvents(other), "another organization's log is not forwarded");

        admin.api().delete("/api/v1/webhooks/" + auditHook).expect(204);
        int afterDelete = auditEvents(admin).size();
        createRisk(admin.api(), "After forwarding");
        assertEquals(afterDelete, auditEvents(admin).size(), "forwarding stops with the last webhook that asked");
    }

    private static List<JsonObject> auditEvents(Session admin) {
        return EventFeedIT.feed(admin.api(), 0).stream()
                .filter(e -> e.getString("type").equals("audit.recorded"))
                .toList();
    }

    /** The audit log's entry with the forwarded event's sequence number. */
    private static JsonObject auditEntry(Session admin, JsonObject event) {
        long seq = event.getJsonObject("data").getJsonNumber("seq").longValue();
        return admin.api()
                .get("/api/v1/audit-log?limit=1&after=" + (seq - 1))
                .expect(200)
                .array()
                .getJsonObject(0);
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabledWithAnEventAndCatchesUpWhenEnabled() throws Exception {
        Receiver receiver = new Receiver(n -> 500);
        Session admin = Tenants.signup(api, "webhooks-disable");
        long webhookId = createWebhook(admin.api(), receiver.url(), List.of("*"))
                .getJsonNumber("id")
                .longValue();
        long risk = createRisk(admin.api(), "Never acknowledged");
        Poll.until(
                "disabled",
                ARRIVAL,
                () -> !admin.api()
                        .get("/api/v1/webhooks/" + webhookId)
                        .expect(200)
                        .json()
                        .getBoolean("enabled"));
        assertEquals(5, receiver.requests.size(), "5 consecutive failures, then no more attempts");
        List<JsonObject> feed = EventFeedIT.feed(admin.api(), 0);
        JsonObject disabled = feed.get(feed.size() - 1);
        assertEquals("webhook.disabled", disabled.getString("type"));
        assertEquals(Long.toString(webhookId), disabled.getJsonObject("object").getString("id"));
        assertEquals(5, disabled.getJsonObject("data").getInt("consecutive_failures"));

        receiver.answers = n -> 204;
        admin.api()
                .patch("/api/v1/webhooks/" + webhookId, Map.of("enabled", true))
                .expect(200);
        Poll.until("caught up", ARRIVAL, () -> receiver.delivered().size() >= 2);
        assertEquals(
                List.of(feed.get(feed.size() - 2).getString("id"), disabled.getString("id")),
                receiver.delivered(),
                "the risk's event, then the webhook's own disabled event");
        assertEquals(
                Long.toString(risk),
                receiver.requests
                        .get(receiver.requests.size() - 2)
                        .json()
                        .getJsonObject("object")
                        .getString("id"));
    }

    @Test
    void urlsReachingInternalNetworksAreRefusedAndInputIsValidated() {
        Session admin = Tenants.signup(api, "webhooks-ssrf");
        for (String url : List.of(
                "http://169.254.169.254/latest/meta-data",
                "http://10.0.0.1/hook",
                "http://192.168.0.1/hook",
                "http://127.0.0.2/hook",
                "http://[::1]/hook",
                "ftp://127.0.0.1/hook",
                "not a url")) {
            admin.api()
                    .post("/api/v1/webhooks", Map.of("url", url, "event_types", List.of("*")))
                    .expectProblem(400, null);
        }
        admin.api()
                .post("/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/hook", "event_types", List.of("bogus")))
                .expectProblem(400, "event_types");
        admin.api()
                .post(
                        "/api/v1/webhooks",
                        Map.of("url", "http://127.0.0.1:9/hook", "event_types", List.of("*"), "secret", "abc"))
                .expectProblem(400, "secret");
        admin.api()
                .post("/api/v1/webhooks", Map.of("event_types", List.of("*")))
                .expectProblem(400, null);
        long id = createWebhook(admin.api(), "http://127.0.0.1:9/hook", List.of("*"))
                .getJsonNumber("id")
                .longValue();
        admin.api()
                .patch("/api/v1/webhooks/" + id, Map.of("url", "http://169.254.169.254/"))
                .expectProblem(400, "url");
    }

    @Test
    void anotherOrganizationsWebhooksAreNotFoundAndOnlyAdminsManageThem() {
        Session owner = Tenants.signup(api, "webhooks-owner");
        Session other = Tenants.signup(api, "webhooks-other");
        long id = createWebhook(owner.api(), "http://127.0.0.1:9/hook", List.of("*"))
                .getJsonNumber("id")
                .longValue();
        Api them = other.api();
        them.get("/api/v1/webhooks/" + id).expectProblem(404, null);
        them.patch("/api/v1/webhooks/" + id, Map.of("enabled", false)).expectProblem(404, null);
        them.get("/api/v1/webhooks/" + id + "/deliveries").expectProblem(404, null);
        them.post("/api/v1/webhooks/" + id + "/deliveries/1/replay", "").expectProblem(404, null);
        them.delete("/api/v1/webhooks/" + id).expectProblem(404, null);
        assertEquals(0, them.get("/api/v1/webhooks").expect(200).array().size());
        Session analyst = Tenants.addUser(owner, "ANALYST");
        analyst.api().get("/api/v1/webhooks").expectProblem(403, null);
        analyst.api()
                .post("/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/hook", "event_types", List.of("*")))
                .expectProblem(403, null);
        owner.api().delete("/api/v1/webhooks/" + id).expect(204);
        owner.api().get("/api/v1/webhooks/" + id).expectProblem(404, null);
    }
}
