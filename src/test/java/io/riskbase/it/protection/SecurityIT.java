package io.riskbase.it.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.Poll;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Authentication and authorization of every operation in /openapi (new endpoints are covered as they appear): no,
 * revoked, expired or foreign tokens are 401; every write has a declared role matrix that the server enforces; login
 * guessing is stopped; no password or token reaches a log. The expiry and per-address login tests run on a node with
 * 3-second tokens and the production login limits.
 *
 * <p>The order is kept on purpose, for the last three tests: the login-guessing test empties the strict node's
 * per-address login bucket (refilled one login per 4 s), so the expiry test, which must log in there for a fresh
 * 3-second token, runs before it; and the log search runs last because it looks for every password and token the other
 * tests sent. The first three tests set up their own tenants and would pass in any order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {

    private static final Logger LOG = Logger.getLogger(SecurityIT.class.getName());
    /** Operations anyone may call. Adding one here is a security decision. */
    private static final Set<String> PUBLIC = Set.of(
            "POST /api/v1/signup",
            "POST /api/v1/auth/login",
            "GET /api/v1/ping",
            "POST /api/v1/invitations/accept",
            // single sign-on starts from nothing; its end is guarded by Liberty's OIDC client (401 here, SSO off)
            "GET /api/v1/auth/sso/{slug}/login");

    private static final Map<String, Set<String>> WRITE_ROLES = Map.ofEntries(
            Map.entry("PUT /api/v1/organization/settings", Set.of("ADMIN")),
            Map.entry("PUT /api/v1/organization/methodology", Set.of("ADMIN")),
            Map.entry("POST /api/v1/users", Set.of("ADMIN")),
            Map.entry("PATCH /api/v1/users/{id}", Set.of("ADMIN")),
            Map.entry("DELETE /api/v1/users/{id}", Set.of("ADMIN")),
            Map.entry("POST /api/v1/admin/cache/invalidate", Set.of("ADMIN")),
            Map.entry("POST /api/v1/auth/logout", Set.of("ADMIN", "ANALYST", "VIEWER")),
            Map.entry("GET /api/v1/users", Set.of("ADMIN")),
            Map.entry("POST /api/v1/invitations", Set.of("ADMIN")),
            Map.entry("GET /api/v1/invitations", Set.of("ADMIN")),
            Map.entry("DELETE /api/v1/invitations/{id}", Set.of("ADMIN")),
            Map.entry("POST /api/v1/api-keys", Set.of("ADMIN")),
            Map.entry("GET /api/v1/api-keys", Set.of("ADMIN")),
            Map.entry("DELETE /api/v1/api-keys/{id}", Set.of("ADMIN")),
            Map.entry("GET /api/v1/audit-log", Set.of("ADMIN")),
            Map.entry("GET /api/v1/audit-log/verify", Set.of("ADMIN")),
            Map.entry("GET /api/v1/audit-log/export", Set.of("ADMIN")),
            Map.entry("GET /api/v1/events", Set.of("ADMIN")),
            Map.entry("GET /api/v1/events/{id}", Set.of("ADMIN")),
            Map.entry("GET /api/v1/webhooks", Set.of("ADMIN")),
            Map.entry("POST /api/v1/webhooks", Set.of("ADMIN")),
            Map.entry("GET /api/v1/webhooks/{id}", Set.of("ADMIN")),
            Map.entry("PATCH /api/v1/webhooks/{id}", Set.of("ADMIN")),
            Map.entry("DELETE /api/v1/webhooks/{id}", Set.of("ADMIN")),
            Map.entry("GET /api/v1/webhooks/{id}/deliveries", Set.of("ADMIN")),
            Map.entry("POST /api/v1/webhooks/{id}/deliveries/{delivery}/replay", Set.of("ADMIN")),
            Map.entry("GET /api/v1/organization/sso", Set.of("ADMIN")),
            Map.entry("PUT /api/v1/organization/sso", Set.of("ADMIN")),
            Map.entry("DELETE /api/v1/organization/sso", Set.of("ADMIN")),
            Map.entry("GET /api/v1/users/{id}", Set.of("ADMIN")),
            Map.entry("GET /api/v1/admin/cache", Set.of("ADMIN")),
            Map.entry("GET /api/v1/admin/performance", Set.of("ADMIN")),
            Map.entry("POST /api/v1/risks", Set.of("ADMIN", "ANALYST")),
            Map.entry("PATCH /api/v1/risks", Set.of("ADMIN", "ANALYST")),
            Map.entry("POST /api/v1/risks/import", Set.of("ADMIN", "ANALYST")),
            Map.entry("PUT /api/v1/risks/{id}", Set.of("ADMIN", "ANALYST")),
            Map.entry("PATCH /api/v1/risks/{id}", Set.of("ADMIN", "ANALYST")),
            Map.entry("DELETE /api/v1/risks/{id}", Set.of("ADMIN", "ANALYST")),
            Map.entry("POST /api/v1/risks/{id}/tasks", Set.of("ADMIN", "ANALYST")),
            Map.entry("POST /api/v1/risks/{id}/reviews", Set.of("ADMIN", "ANALYST")),
            Map.entry("PATCH /api/v1/risks/{id}/tasks/{taskId}", Set.of("ADMIN", "ANALYST")),
            Map.entry("DELETE /api/v1/risks/{id}/tasks/{taskId}", Set.of("ADMIN", "ANALYST")),
            Map.entry("POST /api/v1/assets", Set.of("ADMIN", "ANALYST")),
            Map.entry("PUT /api/v1/assets/scheme", Set.of("ADMIN")),
            Map.entry("PUT /api/v1/assets/{id}", Set.of("ADMIN", "ANALYST")),
            Map.entry("DELETE /api/v1/assets/{id}", Set.of("ADMIN", "ANALYST")),
            Map.entry("POST /api/v1/controls", Set.of("ADMIN", "ANALYST")),
            Map.entry("PUT /api/v1/controls/{id}", Set.of("ADMIN", "ANALYST")),
            Map.entry("DELETE /api/v1/controls/{id}", Set.of("ADMIN", "ANALYST")),
            Map.entry("PUT /api/v1/controls/{id}/requirements/{requirementId}", Set.of("ADMIN", "ANALYST")),
            Map.entry("DELETE /api/v1/controls/{id}/requirements/{requirementId}", Set.of("ADMIN", "ANALYST")),
            Map.entry("PUT /api/v1/risks/{id}/assets/{targetId}", Set.of("ADMIN", "ANALYST")),
            Map.entry("DELETE /api/v1/risks/{id}/assets/{targetId}", Set.of("ADMIN", "ANALYST")),
            Map.entry("PUT /api/v1/risks/{id}/controls/{targetId}", Set.of("ADMIN", "ANALYST")),
            Map.entry("DELETE /api/v1/risks/{id}/controls/{targetId}", Set.of("ADMIN", "ANALYST")),
            Map.entry("POST /api/v1/frameworks/import", Set.of("ADMIN")),
            Map.entry("POST /api/v1/risks/{id}/acceptances", Set.of("ADMIN", "ANALYST")),
            Map.entry("POST /api/v1/risks/{id}/acceptances/{acceptanceId}/approve", Set.of("ADMIN", "APPROVER")),
            Map.entry("POST /api/v1/risks/{id}/acceptances/{acceptanceId}/reject", Set.of("ADMIN", "APPROVER")),
            Map.entry("POST /api/v1/marketplace/connectors/{id}/installation", Set.of("ADMIN")),
            Map.entry("DELETE /api/v1/marketplace/connectors/{id}/installation", Set.of("ADMIN")));
    private static final int TOKEN_TTL_SECONDS = 3;

    static RiskbaseEnvironment env;
    static Api api;
    static List<String[]> operations;
    static LibertyNode strictNode;
    static final Set<String> secrets = new HashSet<>();

    @BeforeAll
    static void start() {
        env = RiskbaseEnvironment.get();
        api = env.api();
        JsonObject doc = FuzzIT.json(api.get("/openapi?format=JSON").expect(200).body());
        operations = new ArrayList<>();
        FuzzIT.operations(doc).forEach(op -> operations.add(new String[] {op.method(), op.path()}));
        secrets.add(Tenants.PASSWORD);
        secrets.add(RiskbaseEnvironment.DEMO_PASSWORD);
    }

    @AfterAll
    static void stopStrictNode() {
        if (strictNode != null) {
            strictNode.stop();
        }
    }

    static synchronized LibertyNode strictNode() {
        if (strictNode == null) {
            strictNode = env.startNode(
                    "it-node-strict",
                    Map.of(
                            "RISKBASE_JWT_TTL_SECONDS", Integer.toString(TOKEN_TTL_SECONDS),
                            "REDIS_URL", "",
                            "RISKBASE_RATELIMIT_AUTH_CAPACITY", "15",
                            "RISKBASE_RATELIMIT_AUTH_REFILL_PER_SECOND", "0.25"));
        }
        return strictNode;
    }

    static String key(String[] op) {
        return op[0] + " " + op[1];
    }

    static ApiResponse call(Api as, String[] op, long id) {
        String path = op[1].replaceAll("\\{[^}]+}", Long.toString(id));
        String body = switch (op[0]) {
            case "GET", "DELETE", "HEAD", "OPTIONS" -> null;
            default -> "{}";
        };
        return as.send(op[0], path, body, body == null ? null : "application/json");
    }

    static List<String[]> protectedOperations() {
        return operations.stream().filter(op -> !PUBLIC.contains(key(op))).toList();
    }

    static String remember(String token) {
        secrets.add(token);
        return token;
    }

    @Test
    @Order(1)
    void everyOperationWithoutATokenIs401() {
        assertTrue(protectedOperations().size() >= 8, "operations: " + operations.size());
        for (String[] op : protectedOperations()) {
            call(api, op, 1).expectProblem(401, null);
            call(api.withHeader("Authorization", "Basic YWRtaW46YWRtaW4="), op, 1)
                    .expectProblem(401, null);
        }
    }

    @Test
    @Order(2)
    void revokedForeignAndUnsignedTokensAre401Everywhere() throws Exception {
        Session admin = Tenants.signup(api, "sec-revoked");
        remember(admin.token());
        admin.api().post("/api/v1/auth/logout", null).expect(204);
        String foreign = foreignToken(admin, false);
        String unsigned = foreignToken(admin, true);
        // every refusal is charged too: the revoked token's user in the write bucket before the session check, a
        // token that does not verify to the client address on the way out (RateLimitFilter); with ninety operations
        // those buckets run dry, and a 429 would hide the answer asked for
        for (String[] op : protectedOperations()) {
            call(admin.api().waitingOutRateLimits(), op, admin.userId()).expectProblem(401, null);
            call(api.as(foreign).waitingOutRateLimits(), op, admin.userId()).expectProblem(401, null);
            call(api.as(unsigned).waitingOutRateLimits(), op, admin.userId()).expectProblem(401, null);
        }
    }

    @Test
    @Order(3)
    void everyWriteEnforcesItsRoleMatrix() {
        List<String> undeclared = operations.stream()
                .filter(op -> !op[0].equals("GET") || op[1].contains("admin") || op[1].contains("users"))
                .map(SecurityIT::key)
                .filter(k -> !PUBLIC.contains(k) && !WRITE_ROLES.containsKey(k))
                .toList();
        assertTrue(
                undeclared.isEmpty(), "writes without a declared role matrix in SecurityIT.WRITE_ROLES: " + undeclared);
        Session admin = Tenants.signup(api, "sec-roles");
        Map<String, Session> byRole = Map.of(
                "ADMIN",
                admin,
                "ANALYST",
                Tenants.addUser(admin, "ANALYST"),
                "VIEWER",
                Tenants.addUser(admin, "VIEWER"),
                "APPROVER",
                Tenants.addUser(admin, "APPROVER"));
        byRole.values().forEach(s -> remember(s.token()));
        for (String[] op : operations) {
            Set<String> allowed = WRITE_ROLES.get(key(op));
            if (allowed == null || key(op).equals("POST /api/v1/auth/logout")) {
                continue;
            }
            Session target = Tenants.addUser(admin, "VIEWER");
            String settingsBefore =
                    admin.api().get("/api/v1/organization/settings").expect(200).body();
            for (var entry : byRole.entrySet()) {
                if (!allowed.contains(entry.getKey())) {
                    call(entry.getValue().api(), op, target.userId()).expectProblem(403, null);
                }
            }
            // what the refused calls asked for did not happen
            assertEquals(
                    settingsBefore,
                    admin.api().get("/api/v1/organization/settings").expect(200).body(),
                    key(op));
            assertEquals(
                    target.email(),
                    admin.api()
                            .get("/api/v1/users/" + target.userId())
                            .expect(200)
                            .json()
                            .getString("email"),
                    key(op));
            target.api().get("/api/v1/me").expect(200);
            for (var entry : byRole.entrySet()) {
                if (allowed.contains(entry.getKey())) {
                    ApiResponse response = call(entry.getValue().api(), op, target.userId());
                    assertTrue(
                            response.status() != 401 && response.status() != 403,
                            () -> entry.getKey() + " may " + key(op) + ": " + response.status() + " "
                                    + response.body());
                }
            }
        }
        for (Session s : byRole.values()) {
            s.api().post("/api/v1/auth/logout", null).expect(204);
        }
    }

    /**
     * Every read outside the role matrix (the register, its catalogue, dashboard, jobs, …) is open to every role: a
     * role added later (APPROVER) that a resource forgot would be a 403 here. Ids are the caller's own user's, so most
     * reads answer 404; what matters is that none answers 401 or 403.
     */
    @Test
    @Order(3)
    void everyRoleMayCallEveryOpenRead() {
        List<String[]> reads = protectedOperations().stream()
                .filter(op -> op[0].equals("GET") && !WRITE_ROLES.containsKey(key(op)))
                // the end of a single sign-on is the container's OpenID Connect client's: no bearer token passes it
                .filter(op -> !op[1].startsWith("/api/v1/auth/sso/oidc/"))
                .toList();
        assertTrue(reads.size() >= 20, "reads: " + reads.size());
        Session admin = Tenants.signup(api, "sec-reads");
        List<String> refused = new ArrayList<>();
        for (String role : List.of("ADMIN", "ANALYST", "APPROVER", "VIEWER")) {
            Session session = role.equals("ADMIN") ? admin : Tenants.addUser(admin, role);
            remember(session.token());
            for (String[] op : reads) {
                int status = call(session.api(), op, session.userId()).status();
                if (status == 401 || status == 403) {
                    refused.add(role + " " + key(op) + " -> " + status);
                }
            }
        }
        assertTrue(refused.isEmpty(), String.join("\n", refused));
    }

    @Test
    @Order(4)
    void expiredTokensAre401OnEveryOperation() throws Exception {
        Api strict = new Api(strictNode().baseUrl());
        Session admin = Tenants.signup(strict, "sec-expiry");
        remember(admin.token());
        admin.api().get("/api/v1/me").expect(200);
        ApiResponse response = Poll.until(
                "a " + TOKEN_TTL_SECONDS + "-second token rejected within 10 s after it expired",
                Duration.ofSeconds(TOKEN_TTL_SECONDS + 10),
                Poll.PAUSE,
                () -> admin.api().get("/api/v1/me"),
                r -> r.status() != 200);
        response.expectProblem(401, "expired");
        for (String[] op : protectedOperations()) {
            call(admin.api(), op, admin.userId()).expectProblem(401, null);
        }
    }

    @Test
    @Order(5)
    void loginGuessingFromOneAddressIsStoppedBeforeTwentyAttempts() {
        Api strict = new Api(strictNode().baseUrl());
        int rejectedAt = 0;
        for (int attempt = 1; attempt <= 25 && rejectedAt == 0; attempt++) {
            String password = "guess-" + UUID.randomUUID();
            secrets.add(password);
            ApiResponse r = strict.post(
                    "/api/v1/auth/login",
                    Map.of("email", "user" + attempt + "@stuffing.example", "password", password));
            if (r.status() == 429) {
                r.expectProblem(429, null);
                assertTrue(Integer.parseInt(r.header("Retry-After")) >= 1);
                rejectedAt = attempt;
            } else {
                r.expectProblem(401, null);
            }
        }
        LOG.info("Login guessing over many e-mails from one address: first 429 at attempt " + rejectedAt);
        assertTrue(rejectedAt > 0 && rejectedAt < 20, "first 429 at attempt " + rejectedAt);
    }

    @Test
    @Order(6)
    void noPasswordOrTokenAppearsInAnyLog() throws IOException {
        List<Path> logs = new ArrayList<>();
        for (LibertyNode node : new LibertyNode[] {env.nodeA(), strictNode()}) {
            Path dir = node.messagesLog().getParent();
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).forEach(logs::add);
            }
        }
        assertFalse(logs.isEmpty());
        List<String> leaks = new ArrayList<>();
        for (Path log : logs) {
            String text = new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    leaks.add(log + " contains "
                            + (secret.length() > 12 ? secret.substring(0, 12) + "…" : "a test password"));
                }
            }
        }
        LOG.info("Searched " + logs.size() + " log files for " + secrets.size() + " passwords and tokens");
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));
    }

    /** The admin's claims, signed by a key the server does not know, or not signed at all ("alg":"none"). */
    private static String foreignToken(Session who, boolean unsigned) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = b64.encodeToString(
                (unsigned ? "{\"alg\":\"none\",\"typ\":\"JWT\"}" : "{\"alg\":\"RS256\",\"typ\":\"JWT\"}").getBytes());
        String claims =
                b64.encodeToString(("{\"iss\":\"https://riskbase.local\",\"aud\":\"riskbase\",\"sub\":\"" + who.userId()
                                + "\",\"upn\":\"" + who.email() + "\",\"groups\":[\"ADMIN\"],\"org_id\":" + who.orgId()
                                + ",\"jti\":\"forged-" + UUID.randomUUID() + "\",\"iat\":" + now + ",\"exp\":"
                                + (now + 600) + "}")
                        .getBytes());
        if (unsigned) {
            return header + "." + claims + ".";
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(generator.generateKeyPair().getPrivate());
        signature.update((header + "." + claims).getBytes());
        return header + "." + claims + "." + b64.encodeToString(signature.sign());
    }
}
