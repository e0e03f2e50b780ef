package io.riskbase.it.identity;

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
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API keys over HTTP on two nodes sharing PostgreSQL and Redis: scopes, revocation, expiry, tenants, rate limits. */
class ApiKeyIT {

    private static final Logger LOG = Logger.getLogger(ApiKeyIT.class.getName());
    static Api api;
    static LibertyNode nodeB;

    @BeforeAll
    static void start() {
        RiskbaseEnvironment env = RiskbaseEnvironment.get();
        api = env.api();
        nodeB = env.nodeB();
    }

    static JsonObject createKey(Session admin, List<String> scopes, OffsetDateTime expiresAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "key for " + scopes);
        body.put("scopes", scopes);
        if (expiresAt != null) {
            body.put("expires_at", expiresAt.toString());
        }
        return admin.api().post("/api/v1/api-keys", body).expect(201).json();
    }

    static long createRisk(Api as) {
        return as.post(
                        "/api/v1/risks",
                        Map.of("title", "Key risk", "category", "security", "likelihood", 3, "impact", 4))
                .expect(201)
                .json()
                .getJsonNumber("id")
                .longValue();
    }

    @Test
    void theSecretIsShownOnceAndAReadKeyCannotWrite() {
        Session admin = Tenants.signup(api, "key-scope");
        long riskId = createRisk(admin.api());
        JsonObject created = createKey(admin, List.of("risks:read"), null);
        String secret = created.getString("secret");
        assertTrue(secret.startsWith("rbk_" + admin.orgId() + "_"), secret);
        assertTrue(secret.startsWith(created.getString("prefix")));
        Api key = api.as(secret);

        key.get("/api/v1/risks/" + riskId).expect(200);
        key.get("/api/v1/risks").expect(200);
        key.get("/api/v1/me").expect(200);
        key.post("/api/v1/risks", Map.of("title", "nope")).expectProblem(403, null);
        key.delete("/api/v1/risks/" + riskId).expectProblem(403, null);
        key.get("/api/v1/users").expectProblem(403, null);
        key.get("/api/v1/api-keys").expectProblem(403, null);
        key.post("/api/v1/api-keys", Map.of("name", "escalate", "scopes", List.of("admin")))
                .expectProblem(403, null);

        JsonObject listed =
                admin.api().get("/api/v1/api-keys").expect(200).array().getJsonObject(0);
        assertEquals(
                created.getJsonNumber("id").longValue(),
                listed.getJsonNumber("id").longValue());
        assertFalse(listed.containsKey("secret") && !listed.isNull("secret"), "no secret in lists: " + listed);
        assertFalse(admin.api().get("/api/v1/api-keys").body().contains(secret));

        JsonObject writer = createKey(admin, List.of("risks:write"), null);
        long byKey = createRisk(api.as(writer.getString("secret")));
        assertEquals(
                admin.userId(),
                admin.api()
                        .get("/api/v1/risks/" + byKey)
                        .expect(200)
                        .json()
                        .getJsonNumber("created_by")
                        .longValue(),
                "a key acts on behalf of its creator");
    }

    @Test
    void unknownScopesAndPastExpiriesAreRefused() {
        Session admin = Tenants.signup(api, "key-input");
        admin.api()
                .post("/api/v1/api-keys", Map.of("name", "x", "scopes", List.of("risks:delete")))
                .expectProblem(400, "risks:delete");
        admin.api()
                .post(
                        "/api/v1/api-keys",
                        Map.of(
                                "name",
                                "x",
                                "scopes",
                                List.of("risks:read"),
                                "expires_at",
                                OffsetDateTime.now(ZoneOffset.UTC)
                                        .minusMinutes(1)
                                        .toString()))
                .expectProblem(400, "expires_at");
        Session viewer = Tenants.addUser(admin, "VIEWER");
        viewer.api()
                .post("/api/v1/api-keys", Map.of("name", "x", "scopes", List.of("risks:read")))
                .expectProblem(403, null);
    }

    @Test
    void malformedUnknownAndForgedKeysAre401() {
        Session admin = Tenants.signup(api, "key-forged");
        String secret = createKey(admin, List.of("admin"), null).getString("secret");
        api.as(secret).get("/api/v1/me").expect(200);
        api.as(secret).post("/api/v1/auth/logout", null).expectProblem(400, "revoke");
        for (String bad : List.of(
                "rbk_",
                "rbk_x_abc",
                "rbk_" + admin.orgId() + "_" + "A".repeat(43),
                secret.substring(0, secret.length() - 1) + (secret.endsWith("A") ? "B" : "A"))) {
            api.as(bad).get("/api/v1/me").expectProblem(401, null);
            api.as(bad).get("/api/v1/ping/auth").expectProblem(401, null);
        }
    }

    @Test
    void aKeyNeverReachesAnotherOrganization() {
        Session x = Tenants.signup(api, "key-tenant-x");
        Session y = Tenants.signup(api, "key-tenant-y");
        long yRisk = createRisk(y.api());
        String xSecret = createKey(x, List.of("admin"), null).getString("secret");
        api.as(xSecret).get("/api/v1/risks/" + yRisk).expectProblem(404, null);
        assertEquals("0", api.as(xSecret).get("/api/v1/risks").expect(200).header("X-Total-Count"));
        // the same secret under the other organization's id is no key at all
        String moved = xSecret.replaceFirst("^rbk_" + x.orgId() + "_", "rbk_" + y.orgId() + "_");
        api.as(moved).get("/api/v1/risks/" + yRisk).expectProblem(401, null);
        // a key lists and revokes only its own organization's keys
        long yKey =
                createKey(y, List.of("risks:read"), null).getJsonNumber("id").longValue();
        api.as(xSecret).delete("/api/v1/api-keys/" + yKey).expectProblem(404, null);
        assertEquals("1", api.as(xSecret).get("/api/v1/api-keys").expect(200).header("X-Total-Count"));
    }

    @Test
    void aKeyRevokedOnOneNodeIsRejectedByTheOtherWithinTheBound() {
        Session admin = Tenants.signup(api, "key-revoke");
        JsonObject created = createKey(admin, List.of("risks:read"), null);
        String secret = created.getString("secret");
        Api onA = api.as(secret);
        Api onB = new Api(nodeB.baseUrl()).as(secret);
        // both nodes verify it and keep it in their caches
        for (int i = 0; i < 3; i++) {
            onA.get("/api/v1/risks").expect(200);
            onB.get("/api/v1/risks").expect(200);
        }
        long revokedAt = System.nanoTime();
        JsonObject revoked = admin.api()
                .delete("/api/v1/api-keys/" + created.getJsonNumber("id").longValue())
                .expect(200)
                .json();
        assertFalse(revoked.isNull("revoked_at"));
        onA.get("/api/v1/risks").expectProblem(401, null);
        Poll.until(
                "node B rejects the revoked key",
                Duration.ofSeconds(10),
                Duration.ofMillis(20),
                () -> onB.get("/api/v1/risks").status(),
                status -> status == 401);
        LOG.info("revoked key rejected by the other node after " + (System.nanoTime() - revokedAt) / 1_000_000 + " ms");
        // and stays rejected
        for (int i = 0; i < 5; i++) {
            onB.get("/api/v1/risks").expectProblem(401, null);
            onA.get("/api/v1/risks").expectProblem(401, null);
        }
    }

    @Test
    void anExpiredKeyIs401() {
        Session admin = Tenants.signup(api, "key-expiry");
        String secret = createKey(
                        admin,
                        List.of("risks:read"),
                        OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3))
                .getString("secret");
        ApiResponse first = api.as(secret).get("/api/v1/risks");
        // a very slow machine may take longer than the key lives to answer the first call
        assertTrue(first.status() == 200 || first.status() == 401, first.toString());
        Poll.until(
                "the key expires",
                Duration.ofSeconds(30),
                Duration.ofMillis(200),
                () -> api.as(secret).get("/api/v1/risks").status(),
                status -> status == 401);
        new Api(nodeB.baseUrl()).as(secret).get("/api/v1/risks").expectProblem(401, null);
    }

    @Test
    void aKeyOfADeletedOrDisabledCreatorStopsWorking() {
        Session admin = Tenants.signup(api, "key-creator");
        Session second = Tenants.addUser(admin, "ADMIN");
        String secret = createKey(second, List.of("risks:read"), null).getString("secret");
        api.as(secret).get("/api/v1/risks").expect(200);
        admin.api()
                .patch("/api/v1/users/" + second.userId(), Map.of("status", "DISABLED"))
                .expect(200);
        Poll.until(
                "a disabled creator's key is refused",
                Duration.ofSeconds(10),
                () -> api.as(secret).get("/api/v1/risks").status() == 401);
    }

    @Test
    void aKeyNeverDoesMoreThanItsCreatorsRoleAllowsNow() {
        Session admin = Tenants.signup(api, "key-ceiling");
        Session second = Tenants.addUser(admin, "ADMIN");
        Api writer = api.as(createKey(second, List.of("risks:write"), null).getString("secret"));
        Api full = api.as(createKey(second, List.of("admin"), null).getString("secret"));
        createRisk(writer);
        full.get("/api/v1/api-keys").expect(200);

        // demoted on node B: the keys keep their scopes but pass only what a VIEWER passes, on every node
        admin.on(nodeB)
                .patch("/api/v1/users/" + second.userId(), Map.of("role", "VIEWER"))
                .expect(200);
        Poll.until(
                "a demoted creator's write key cannot write",
                Duration.ofSeconds(10),
                () -> writer.post("/api/v1/risks", Map.of("title", "after demotion", "category", "security"))
                                .status()
                        == 403);
        writer.get("/api/v1/risks").expect(200);
        full.get("/api/v1/api-keys").expectProblem(403, null);
        full.get("/api/v1/users").expectProblem(403, null);
        full.get("/api/v1/risks").expect(200);
        full.patch("/api/v1/users/" + admin.userId(), Map.of("role", "VIEWER")).expectProblem(403, null);

        admin.api()
                .patch("/api/v1/users/" + second.userId(), Map.of("role", "ADMIN"))
                .expect(200);
        Poll.until(
                "promoted again, the key writes again",
                Duration.ofSeconds(10),
                () -> writer.post(
                                        "/api/v1/risks",
                                        Map.of("title", "Again", "category", "security", "likelihood", 1, "impact", 1))
                                .status()
                        == 201);
    }

    @Test
    void eachKeyHasItsOwnRateLimitBucketAndRecordsItsLastUse() {
        Session admin = Tenants.signup(api, "key-bucket");
        JsonObject first = createKey(admin, List.of("risks:read"), null);
        String other = createKey(admin, List.of("risks:read"), null).getString("secret");
        String limit = null;
        for (int i = 0; i < 10; i++) {
            limit = api.as(first.getString("secret"))
                    .get("/api/v1/risks")
                    .expect(200)
                    .header("RateLimit-Limit");
        }
        ApiResponse fresh = api.as(other).get("/api/v1/risks").expect(200);
        long remaining = Long.parseLong(fresh.header("RateLimit-Remaining"));
        assertEquals(Long.parseLong(limit) - 1, remaining, "a fresh key starts with a full bucket");

        long id = first.getJsonNumber("id").longValue();
        Poll.until(
                "last_used_at is recorded",
                Duration.ofSeconds(10),
                () -> admin.api().get("/api/v1/api-keys").array().getValuesAs(JsonObject.class).stream()
                        .anyMatch(k -> k.getJsonNumber("id").longValue() == id && !k.isNull("last_used_at")));
    }
}
