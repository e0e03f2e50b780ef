package io.riskbase.it.risk;

import static io.riskbase.it.risk.RiskFixtures.create;
import static io.riskbase.it.risk.RiskFixtures.id;
import static io.riskbase.it.risk.RiskFixtures.risk;
import static io.riskbase.it.risk.RiskFixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.Poll;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Maker-checker acceptance over HTTP on PostgreSQL: a write to ACCEPTED becomes a request, another user with approval
 * rights decides it (the requester cannot), history and audit log keep every step, organizations of before keep direct
 * writes, other tenants see nothing, and an expiry with two nodes running reverts each risk exactly once.
 */
class AcceptanceIT {

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(AcceptanceIT.class.getName());
    static RiskbaseEnvironment env;
    static Api api;

    @BeforeAll
    static void start() {
        env = RiskbaseEnvironment.get();
        api = env.api();
    }

    static String acceptances(long riskId) {
        return "/api/v1/risks/" + riskId + "/acceptances";
    }

    static Map<String, Object> approval(String expiresAt) {
        return Map.of("justification", "Cost of treatment exceeds the exposure", "expires_at", expiresAt);
    }

    static JsonObject read(Api as, long id) {
        return as.get("/api/v1/risks/" + id).expect(200).json();
    }

    static List<String> actions(Api as, long riskId) {
        return as.get("/api/v1/risks/" + riskId + "/history?size=100").expect(200).array().stream()
                .map(v -> v.asJsonObject().getString("action"))
                .toList();
    }

    @Test
    void movingToAcceptedAsksAnotherUserWithApprovalRights() {
        Session admin = Tenants.signup(api, "accept");
        Session analyst = Tenants.addUser(admin, "ANALYST");
        Session approver = Tenants.addUser(admin, "APPROVER");
        Session viewer = Tenants.addUser(admin, "VIEWER");
        assertTrue(admin.api()
                .get("/api/v1/organization/settings")
                .expect(200)
                .json()
                .getBoolean("acceptance_approval"));
        JsonObject created = create(analyst.api(), risk("Legacy mainframe", "technology", 3, 4));
        long id = id(created);

        // a PATCH to ACCEPTED keeps the status and opens a request
        JsonObject patched = analyst.api()
                .patch("/api/v1/risks/" + id, Map.of("status", "ACCEPTED", "version", created.getInt("version")))
                .expect(200)
                .json();
        assertEquals("OPEN", patched.getString("status"));
        JsonObject pending = patched.getJsonObject("acceptance");
        assertEquals("PENDING", pending.getString("state"));
        long acceptanceId = pending.getJsonNumber("id").longValue();
        JsonArray listed = viewer.api().get(acceptances(id)).expect(200).array();
        assertEquals(1, listed.size());
        assertEquals(
                analyst.userId(),
                listed.getJsonObject(0).getJsonNumber("requested_by").longValue());
        // asking again while pending neither fails nor opens a second request
        analyst.api()
                .patch("/api/v1/risks/" + id, Map.of("status", "ACCEPTED", "version", patched.getInt("version")))
                .expect(200);
        analyst.api().post(acceptances(id), Map.of()).expectProblem(409, "pending");
        assertEquals("1", viewer.api().get(acceptances(id)).expect(200).header("X-Total-Count"));

        // who may decide: not the analyst or viewer (role), not an approver without a justification or future expiry
        String approve = acceptances(id) + "/" + acceptanceId + "/approve";
        String future =
                OffsetDateTime.now(ZoneOffset.UTC).plusDays(20).withNano(0).toString();
        analyst.api().post(approve, approval(future)).expectProblem(403, null);
        viewer.api().post(approve, approval(future)).expectProblem(403, null);
        approver.api().post(approve, Map.of("expires_at", future)).expectProblem(400, "justification");
        approver.api().post(approve, approval("2001-01-01")).expectProblem(400, "future");
        approver.api().post(approve, approval("next spring")).expectProblem(400, "expires_at");
        approver.api().post(approve, approval("2999-01-01")).expectProblem(400, "years");
        approver.api().post(acceptances(id), Map.of()).expectProblem(403, null);
        approver.api().patch("/api/v1/risks/" + id, Map.of("title", "x")).expectProblem(403, null);
        assertEquals("OPEN", read(viewer.api(), id).getString("status"));

        JsonObject approved =
                approver.api().post(approve, approval(future)).expect(200).json();
        assertEquals("APPROVED", approved.getString("state"));
        assertEquals(approver.userId(), approved.getJsonNumber("decided_by").longValue());
        JsonObject accepted = read(viewer.api(), id);
        assertEquals("ACCEPTED", accepted.getString("status"));
        assertEquals("APPROVED", accepted.getJsonObject("acceptance").getString("state"));
        assertEquals(
                OffsetDateTime.parse(future).toInstant(),
                OffsetDateTime.parse(accepted.getJsonObject("acceptance").getString("expires_at"))
                        .toInstant());
        admin.api().post(approve, approval(future)).expectProblem(409, "APPROVED");
        // the first PATCH changed nothing but the request; the second one, nothing at all
        assertEquals(List.of("ACCEPT_APPROVED", "ACCEPT_REQUESTED", "CREATED"), actions(viewer.api(), id));
        JsonObject stats =
                viewer.api().get("/api/v1/dashboard/stats").expect(200).json();
        assertEquals(1, stats.getInt("acceptances_expiring_within_30_days"));
        assertEquals(0, stats.getInt("pending_acceptances"));
        // the approval and the request are in the organization audit log
        String audit = admin.api()
                .get("/api/v1/audit-log?limit=100&object_type=risk&object_id=" + id)
                .expect(200)
                .body();
        assertTrue(audit.contains("risk.accept_approved") && audit.contains("risk.accept_requested"), audit);

        // leaving ACCEPTED ends the approval early (the expiry job leaves the risk alone)
        analyst.api()
                .patch("/api/v1/risks/" + id, Map.of("status", "MITIGATING", "version", accepted.getInt("version")))
                .expect(200);
        JsonObject left = read(viewer.api(), id);
        assertFalse(left.containsKey("acceptance"), left.toString());
        assertEquals(
                "ENDED",
                viewer.api()
                        .get(acceptances(id) + "/" + acceptanceId)
                        .expect(200)
                        .json()
                        .getString("state"));
    }

    @Test
    void theRequesterCannotDecideAndARejectionKeepsTheStatus() {
        Session admin = Tenants.signup(api, "accept-own");
        Session otherAdmin = Tenants.addUser(admin, "ADMIN");
        // created as ACCEPTED: the risk is created OPEN with a pending request
        JsonObject created = admin.api()
                .post("/api/v1/risks", with(risk("Vendor lock-in", "vendor", 2, 3), "status", "ACCEPTED"))
                .expect(201)
                .json();
        long id = id(created);
        assertEquals("OPEN", created.getString("status"));
        long acceptanceId =
                created.getJsonObject("acceptance").getJsonNumber("id").longValue();
        String decide = acceptances(id) + "/" + acceptanceId;
        String future = OffsetDateTime.now(ZoneOffset.UTC).plusDays(90).toString();
        admin.api().post(decide + "/approve", approval(future)).expectProblem(403, "requested by you");
        admin.api()
                .post(decide + "/reject", Map.of("justification", "not mine to decide"))
                .expectProblem(403, "requested by you");
        assertEquals(
                1, admin.api().get("/api/v1/dashboard/stats").expect(200).json().getInt("pending_acceptances"));

        otherAdmin.api().post(decide + "/reject", Map.of()).expectProblem(400, "justification");
        JsonObject rejected = otherAdmin
                .api()
                .post(decide + "/reject", Map.of("justification", "Treat it: a second vendor is cheap"))
                .expect(200)
                .json();
        assertEquals("REJECTED", rejected.getString("state"));
        JsonObject after = read(admin.api(), id);
        assertEquals("OPEN", after.getString("status"));
        assertFalse(after.containsKey("acceptance"));
        assertEquals(List.of("ACCEPT_REJECTED", "ACCEPT_REQUESTED", "CREATED"), actions(admin.api(), id));
        JsonObject entry = admin.api()
                .get("/api/v1/risks/" + id + "/history?size=1")
                .expect(200)
                .array()
                .getJsonObject(0);
        assertEquals(otherAdmin.userId(), entry.getJsonNumber("changed_by").longValue());
        assertTrue(entry.toString().contains("a second vendor is cheap"), entry.toString());
        otherAdmin.api().post(decide + "/approve", approval(future)).expectProblem(409, "REJECTED");
        // a new request after a rejection is allowed
        admin.api().post(acceptances(id), Map.of("note", "asking again")).expect(201);
    }

    @Test
    void organizationsWithoutApprovalWriteAcceptedDirectly() throws Exception {
        Session admin = Tenants.signup(api, "accept-legacy");
        JsonObject settings =
                admin.api().get("/api/v1/organization/settings").expect(200).json();
        // an organization of before the change: its stored document has no acceptance_approval
        try (Connection c = env.postgres().dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("update org_settings set settings = ? where org_id = ?")) {
            JsonObject legacy = jakarta.json.Json.createObjectBuilder(settings)
                    .remove("acceptance_approval")
                    .build();
            s.setString(1, legacy.toString());
            s.setLong(2, admin.orgId());
            assertEquals(1, s.executeUpdate());
        }
        admin.api()
                .post("/api/v1/admin/cache/invalidate", Map.of("namespace", "settings"))
                .expect(204);
        JsonObject read =
                admin.api().get("/api/v1/organization/settings").expect(200).json();
        assertFalse(read.getBoolean("acceptance_approval"), read.toString());
        JsonObject direct = admin.api()
                .post("/api/v1/risks", with(risk("Accepted at once", "security", 1, 1), "status", "ACCEPTED"))
                .expect(201)
                .json();
        assertEquals("ACCEPTED", direct.getString("status"));
        assertFalse(direct.containsKey("acceptance"));

        // a client that does not know the setting keeps it as it is; an ADMIN turns it on
        String withoutSetting = jakarta.json.Json.createObjectBuilder(read)
                .remove("acceptance_approval")
                .build()
                .toString();
        admin.api().put("/api/v1/organization/settings", withoutSetting).expect(200);
        assertFalse(admin.api()
                .get("/api/v1/organization/settings")
                .expect(200)
                .json()
                .getBoolean("acceptance_approval"));
        admin.api()
                .put(
                        "/api/v1/organization/settings",
                        jakarta.json.Json.createObjectBuilder(read)
                                .add("acceptance_approval", true)
                                .build()
                                .toString())
                .expect(200);
        JsonObject requested = admin.api()
                .post("/api/v1/risks", with(risk("Now approved first", "security", 1, 1), "status", "ACCEPTED"))
                .expect(201)
                .json();
        assertEquals("OPEN", requested.getString("status"));
        assertEquals("PENDING", requested.getJsonObject("acceptance").getString("state"));
    }

    @Test
    void anotherOrganizationsAcceptancesAreNotFoundForEveryMethod() {
        Session admin = Tenants.signup(api, "accept-tenant");
        Session approver = Tenants.addUser(admin, "APPROVER");
        long id = id(create(admin.api(), risk("Mine", "security", 2, 2)));
        long acceptanceId = admin.api()
                .post(acceptances(id), Map.of())
                .expect(201)
                .json()
                .getJsonNumber("id")
                .longValue();
        String future = OffsetDateTime.now(ZoneOffset.UTC).plusDays(5).toString();
        Api other = Tenants.signup(api, "accept-intruder").api();
        other.get(acceptances(id)).expectProblem(404, "not found");
        other.post(acceptances(id), Map.of()).expectProblem(404, null);
        other.get(acceptances(id) + "/" + acceptanceId).expectProblem(404, "not found");
        other.post(acceptances(id) + "/" + acceptanceId + "/approve", approval(future))
                .expectProblem(404, null);
        other.post(acceptances(id) + "/" + acceptanceId + "/reject", Map.of("justification", "x"))
                .expectProblem(404, null);
        // the acceptance under another risk of the same organization is not found either
        long otherRisk = id(create(admin.api(), risk("Another", "security", 1, 1)));
        approver.api().get(acceptances(otherRisk) + "/" + acceptanceId).expectProblem(404, null);
        approver.api()
                .post(acceptances(otherRisk) + "/" + acceptanceId + "/approve", approval(future))
                .expectProblem(404, null);
        assertEquals(
                "PENDING", read(admin.api(), id).getJsonObject("acceptance").getString("state"));
    }

    /**
     * Every node runs the expiry job (every second in the tests): with both running, each expired approval returns its
     * risk to OPEN exactly once (one history entry), and a view node B had cached follows.
     */
    @Test
    void anExpiryWithTwoNodesRunningRevertsEachRiskExactlyOnce() throws Exception {
        LibertyNode nodeB = env.nodeB();
        long t0 = System.nanoTime();
        Session admin = Tenants.signup(api, "accept-expiry");
        Session approver = Tenants.addUser(admin, "APPROVER");
        int count = 8;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = id(create(admin.api(), risk("Expiring " + i, "security", 3, 3)));
            long acceptanceId = admin.api()
                    .post(acceptances(id), Map.of())
                    .expect(201)
                    .json()
                    .getJsonNumber("id")
                    .longValue();
            ids.add(id);
            approver.api()
                    .post(
                            acceptances(id) + "/" + acceptanceId + "/approve",
                            approval(OffsetDateTime.now(ZoneOffset.UTC)
                                    .plusDays(1)
                                    .toString()))
                    .expect(200);
        }
        Api onB = admin.on(nodeB);
        for (long id : ids) {
            assertEquals("ACCEPTED", read(onB, id).getString("status"), "cached on node B while accepted");
        }
        // time cannot be moved over HTTP: all approvals expire at one instant, so both nodes find them in one pass
        try (Connection c = env.postgres().dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("update risk_acceptances set expires_at = now() - interval "
                        + "'1 second' where org_id = ? and state = 'APPROVED'")) {
            s.setLong(1, admin.orgId());
            assertEquals(count, s.executeUpdate());
        }
        for (long id : ids) {
            Poll.until(
                    "risk " + id + " back to OPEN on node B",
                    Duration.ofSeconds(30),
                    () -> "OPEN".equals(read(onB, id).getString("status")));
        }
        // one more pass of each node: nothing reverts twice
        Poll.pause(Duration.ofSeconds(2));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (long id : ids) {
            JsonObject r = read(admin.api(), id);
            assertEquals("OPEN", r.getString("status"));
            assertFalse(r.containsKey("acceptance"));
            assertFalse(OffsetDateTime.parse(r.getString("next_review_at")).isAfter(now), "due for review");
            List<String> history = actions(onB, id);
            assertEquals(1, history.stream().filter("ACCEPT_EXPIRED"::equals).count(), history.toString());
            JsonObject acceptance =
                    admin.api().get(acceptances(id)).expect(200).array().getJsonObject(0);
            assertEquals("EXPIRED", acceptance.getString("state"));
        }
        // exactly once in the organization audit log too, as a system action (no request, no user)
        JsonArray expiredEntries = admin.api()
                .get("/api/v1/audit-log?limit=100&action=risk.accept_expired")
                .expect(200)
                .array();
        assertEquals(count, expiredEntries.size(), expiredEntries.toString());
        expiredEntries.forEach(e -> assertEquals("SYSTEM", e.asJsonObject().getString("actor_kind")));
        JsonObject stats = onB.get("/api/v1/dashboard/stats").expect(200).json();
        assertEquals(0, stats.getInt("acceptances_expiring_within_30_days"));
        assertEquals(count, stats.getJsonObject("by_status").getInt("OPEN"));
        LOG.info("two-node expiry check took " + (System.nanoTime() - t0) / 1_000_000 + " ms (node B already up)");
    }
}
