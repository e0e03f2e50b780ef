package io.riskbase.it.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invitations (an ADMIN invites, the invitee accepts with a password and logs in with the invited role), the sign-up
 * modes, and sign-up answers that do not tell a taken e-mail from a free one.
 */
class InvitationIT {

    static RiskbaseEnvironment env;
    static Api api;
    /** RISKBASE_SIGNUP=invite and invitations that expire after 2 s; same database as node A. */
    static LibertyNode inviteOnly;

    @BeforeAll
    static void start() {
        env = RiskbaseEnvironment.get();
        api = env.api();
        inviteOnly = env.nodeC();
    }

    @Test
    void invitedUserAcceptsAndLogsInWithTheInvitedRole() throws Exception {
        Session admin = Tenants.signup(api, "invite");
        String email = "analyst-" + UUID.randomUUID().toString().substring(0, 8) + "@invited.example";
        JsonObject invitation = invite(admin.api(), email, "ANALYST");
        String token = invitation.getString("token");
        assertEquals(email, invitation.getString("email"));
        assertEquals("ANALYST", invitation.getString("role"));
        assertTrue(token.length() >= 43, "a 32-byte token: " + token);

        // the token is shown once: neither the list nor the database holds it
        JsonObject listed =
                admin.api().get("/api/v1/invitations").expect(200).array().getJsonObject(0);
        assertEquals(invitation.getJsonNumber("id"), listed.getJsonNumber("id"));
        assertFalse(listed.containsKey("token"), listed.toString());
        try (Connection c = env.postgres().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select token_hash from invitations where id = "
                        + invitation.getJsonNumber("id").longValue())) {
            rs.next();
            assertNotEquals(token, rs.getString(1));
            assertEquals(64, rs.getString(1).length(), "SHA-256 in hex");
        }

        JsonObject user = accept(api, token).expect(201).json();
        assertEquals("ANALYST", user.getString("role"));
        assertEquals(admin.orgId(), user.getJsonNumber("organization_id").longValue());
        String userToken = Tenants.login(api, email, Tenants.PASSWORD);
        JsonObject me = api.as(userToken).get("/api/v1/me").expect(200).json();
        assertEquals(email, me.getString("email"));
        assertEquals("ANALYST", me.getString("role"));
        // an ANALYST writes risks but does not manage users
        api.as(userToken).get("/api/v1/users").expectProblem(403, null);
        assertFalse(admin.api()
                .get("/api/v1/invitations")
                .expect(200)
                .array()
                .getJsonObject(0)
                .isNull("accepted_at"));

        // used: the same answer as an unknown token
        String used = accept(api, token).expectProblem(400, "invitation").json().getString("detail");
        String unknown = accept(api, "no-such-token-" + UUID.randomUUID())
                .expectProblem(400, "invitation")
                .json()
                .getString("detail");
        assertEquals(unknown, used);
    }

    @Test
    void revokedAndExpiredInvitationsAreRefusedLikeUnknownOnes() throws Exception {
        Session admin = Tenants.signup(api, "invite-revoke");
        JsonObject revoked = invite(admin.api(), "revoked-" + UUID.randomUUID() + "@invited.example", "VIEWER");
        admin.api()
                .delete("/api/v1/invitations/" + revoked.getJsonNumber("id").longValue())
                .expect(204);
        String unknown =
                accept(api, "no-such-token").expectProblem(400, null).json().getString("detail");
        assertEquals(
                unknown,
                accept(api, revoked.getString("token"))
                        .expectProblem(400, null)
                        .json()
                        .getString("detail"));

        // node inviteOnly gives invitations 2 seconds
        Api onInviteOnly = admin.on(inviteOnly);
        JsonObject expiring = invite(onInviteOnly, "late-" + UUID.randomUUID() + "@invited.example", "VIEWER");
        Thread.sleep(2_500);
        assertEquals(
                unknown,
                accept(new Api(inviteOnly.baseUrl()), expiring.getString("token"))
                        .expectProblem(400, null)
                        .json()
                        .getString("detail"));
    }

    @Test
    void anotherTenantsAdminCannotSeeOrRevokeInvitations() {
        Session owner = Tenants.signup(api, "invite-owner");
        Session intruder = Tenants.signup(api, "invite-intruder");
        JsonObject invitation = invite(owner.api(), "mine-" + UUID.randomUUID() + "@invited.example", "VIEWER");
        long id = invitation.getJsonNumber("id").longValue();
        assertEquals(
                0, intruder.api().get("/api/v1/invitations").expect(200).array().size());
        assertEquals("0", intruder.api().get("/api/v1/invitations").header("X-Total-Count"));
        intruder.api().delete("/api/v1/invitations/" + id).expectProblem(404, null);
        // still there, still usable
        assertEquals(
                1, owner.api().get("/api/v1/invitations").expect(200).array().size());
        accept(api, invitation.getString("token")).expect(201);
    }

    @Test
    void onlyAdminsManageInvitations() {
        Session admin = Tenants.signup(api, "invite-roles");
        JsonObject invitation = invite(admin.api(), "x-" + UUID.randomUUID() + "@invited.example", "VIEWER");
        long id = invitation.getJsonNumber("id").longValue();
        for (String role : new String[] {"ANALYST", "VIEWER"}) {
            Session other = Tenants.addUser(admin, role);
            other.api().get("/api/v1/invitations").expectProblem(403, null);
            other.api()
                    .post("/api/v1/invitations", Map.of("email", "y@invited.example", "role", "ADMIN"))
                    .expectProblem(403, null);
            other.api().delete("/api/v1/invitations/" + id).expectProblem(403, null);
        }
        assertEquals(
                1, admin.api().get("/api/v1/invitations").expect(200).array().size());
    }

    @Test
    void inviteModeRefusesSignUpButAcceptsInvitations() {
        Api anonymous = new Api(inviteOnly.baseUrl());
        anonymous
                .post("/api/v1/signup", signup("refused", "someone-" + UUID.randomUUID() + "@x.example", null))
                .expectProblem(403, "invitation");
        Session admin = Tenants.signup(api, "invite-mode");
        JsonObject invitation =
                invite(admin.on(inviteOnly), "joins-" + UUID.randomUUID() + "@invited.example", "VIEWER");
        assertEquals(
                "VIEWER",
                accept(anonymous, invitation.getString("token"))
                        .expect(201)
                        .json()
                        .getString("role"));
    }

    @Test
    void aTakenEmailAnswersLikeATakenSlug() {
        Session taken = Tenants.signup(api, "enum-email");
        Session other = Tenants.signup(api, "enum-slug");
        String otherSlug =
                other.api().get("/api/v1/organization").expect(200).json().getString("slug");
        ApiResponse takenEmail = api.post(
                "/api/v1/signup",
                signup(
                        "fresh",
                        taken.email(),
                        "fresh-" + UUID.randomUUID().toString().substring(0, 8)));
        ApiResponse takenSlug =
                api.post("/api/v1/signup", signup("fresh", "fresh-" + UUID.randomUUID() + "@x.example", otherSlug));
        takenEmail.expectProblem(409, null);
        takenSlug.expectProblem(409, null);
        assertEquals(problem(takenSlug), problem(takenEmail));
        assertFalse(takenEmail.body().contains("e-mail already"), takenEmail.body());

        // an ADMIN adding an existing e-mail (another organization's user) gets sign-up's answer, not "taken"
        ApiResponse created = other.api()
                .post(
                        "/api/v1/users",
                        Map.of(
                                "email",
                                taken.email(),
                                "password",
                                Tenants.PASSWORD,
                                "display_name",
                                "x",
                                "role",
                                "VIEWER"))
                .expectProblem(409, null);
        assertEquals(problem(takenEmail), problem(created));
    }

    private static String problem(ApiResponse response) {
        JsonObject p = response.json();
        return response.status() + " " + p.getString("title", "") + " " + p.getString("detail", "") + " "
                + p.getString("type", "");
    }

    private static Map<String, String> signup(String label, String email, String slug) {
        String unique = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> body = new java.util.HashMap<>(Map.of(
                "organization_name",
                "Org " + unique,
                "email",
                email,
                "password",
                Tenants.PASSWORD,
                "display_name",
                "Someone"));
        if (slug != null) {
            body.put("organization_slug", slug);
        }
        return body;
    }

    private static JsonObject invite(Api admin, String email, String role) {
        return admin.post("/api/v1/invitations", Map.of("email", email, "role", role))
                .expect(201)
                .json();
    }

    private static ApiResponse accept(Api anonymous, String token) {
        return anonymous.post(
                "/api/v1/invitations/accept",
                Map.of("token", token, "password", Tenants.PASSWORD, "display_name", "Invited user"));
    }
}
