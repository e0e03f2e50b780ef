package io.riskbase.it.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.JsonObject;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sign-up, login, logout, roles and tenant isolation of users, over HTTP against Liberty on PostgreSQL. */
class IdentityIT {

    static RiskbaseEnvironment env;
    static Api api;

    @BeforeAll
    static void start() {
        env = RiskbaseEnvironment.get();
        api = env.api();
    }

    @Test
    void signupCreatesOrganizationWhoseAdminCanLogIn() {
        Session admin = Tenants.signup(api, "signup");
        JsonObject me = admin.api().get("/api/v1/me").expect(200).json();
        assertEquals(admin.email(), me.getString("email"));
        assertEquals("ADMIN", me.getString("role"));
        assertEquals(admin.orgId(), me.getJsonNumber("organization_id").longValue());
        JsonObject org = admin.api().get("/api/v1/organization").expect(200).json();
        assertEquals(admin.orgId(), org.getJsonNumber("id").longValue());
        assertTrue(org.getString("slug").startsWith("org-signup-"), org.toString());
    }

    @Test
    void loginAnswersBearerTokenWithExpiry() {
        Session admin = Tenants.signup(api, "login");
        JsonObject token = api.post(
                        "/api/v1/auth/login",
                        Map.of("email", admin.email().toUpperCase(), "password", Tenants.PASSWORD))
                .expect(200)
                .json();
        assertEquals("Bearer", token.getString("token_type"));
        assertTrue(token.getInt("expires_in") > 0);
        assertEquals(3, token.getString("access_token").split("\\.").length);
    }

    @Test
    void wrongPasswordAndUnknownEmailAreTheSame401() {
        Session admin = Tenants.signup(api, "wrongpw");
        api.post("/api/v1/auth/login", Map.of("email", admin.email(), "password", "not-the-password"))
                .expectProblem(401, "wrong password");
        api.post("/api/v1/auth/login", Map.of("email", "nobody@nowhere.example", "password", "not-the-password"))
                .expectProblem(401, "wrong password");
    }

    @Test
    void logoutRevokesTheTokenImmediately() {
        Session admin = Tenants.signup(api, "logout");
        admin.api().get("/api/v1/me").expect(200);
        admin.api().post("/api/v1/auth/logout", null).expect(204);
        admin.api().get("/api/v1/me").expectProblem(401, "session");
        admin.api().post("/api/v1/auth/logout", null).expectProblem(401, null);
    }

    @Test
    void missingMalformedAndForeignlySignedTokensAre401() throws Exception {
        api.get("/api/v1/me").expectProblem(401, "token");
        api.as("not-a-jwt").get("/api/v1/me").expectProblem(401, null);
        api.as(foreignToken()).get("/api/v1/me").expectProblem(401, null);
        api.get("/api/v1/users").expectProblem(401, null);
    }

    @Test
    void duplicateEmailIsAConflict() {
        Session admin = Tenants.signup(api, "dup");
        api.post(
                        "/api/v1/signup",
                        Map.of(
                                "organization_name",
                                "Again",
                                "email",
                                admin.email(),
                                "password",
                                Tenants.PASSWORD,
                                "display_name",
                                "x"))
                .expectProblem(409, "e-mail");
    }

    @Test
    void viewerAndAnalystCannotManageUsers() {
        Session admin = Tenants.signup(api, "roles");
        Session viewer = Tenants.addUser(admin, "VIEWER");
        Session analyst = Tenants.addUser(admin, "ANALYST");
        viewer.api().get("/api/v1/me").expect(200);
        viewer.api().get("/api/v1/users").expectProblem(403, "role");
        analyst.api()
                .post(
                        "/api/v1/users",
                        Map.of(
                                "email",
                                "x@y.example",
                                "password",
                                Tenants.PASSWORD,
                                "display_name",
                                "x",
                                "role",
                                "ADMIN"))
                .expectProblem(403, null);
        viewer.api().put("/api/v1/organization/settings", Map.of()).expectProblem(403, null);
        admin.api().get("/api/v1/users").expect(200);
    }

    @Test
    void usersOfAnotherOrganizationAreNotFound() {
        Session a = Tenants.signup(api, "iso-a");
        Session b = Tenants.signup(api, "iso-b");
        Session bViewer = Tenants.addUser(b, "VIEWER");
        a.api().get("/api/v1/users/" + bViewer.userId()).expectProblem(404, null);
        a.api()
                .patch("/api/v1/users/" + bViewer.userId(), Map.of("role", "ADMIN"))
                .expectProblem(404, null);
        a.api().delete("/api/v1/users/" + bViewer.userId()).expectProblem(404, null);
        bViewer.api().get("/api/v1/me").expect(200);
        var listed = a.api().get("/api/v1/users").expect(200);
        assertEquals("1", listed.header("X-Total-Count"));
        assertFalse(listed.body().contains(bViewer.email()));
    }

    @Test
    void adminManagesUsersOfTheOrganization() {
        Session admin = Tenants.signup(api, "manage");
        Session analyst = Tenants.addUser(admin, "ANALYST");
        assertEquals(
                "2", admin.api().get("/api/v1/users?page=1&size=1").expect(200).header("X-Total-Count"));
        admin.api()
                .patch("/api/v1/users/" + analyst.userId(), Map.of("role", "VIEWER"))
                .expect(200);
        // a role change ends the user's sessions: the old token carries the old role
        analyst.api().get("/api/v1/me").expectProblem(401, null);
        admin.api()
                .patch("/api/v1/users/" + admin.userId(), Map.of("role", "VIEWER"))
                .expectProblem(409, "admin");
        admin.api().delete("/api/v1/users/" + admin.userId()).expectProblem(409, "yourself");
        admin.api().delete("/api/v1/users/" + analyst.userId()).expect(204);
        admin.api().get("/api/v1/users/" + analyst.userId()).expectProblem(404, null);
    }

    @Test
    void malformedBodiesAreClear400s() {
        api.send("POST", "/api/v1/auth/login", "{\"email\":", "application/json")
                .expectProblem(400, "not valid JSON");
        api.send("POST", "/api/v1/auth/login", "[1,2]", "application/json").expectProblem(400, null);
        api.send("POST", "/api/v1/auth/login", "", "application/json").expectProblem(400, null);
        api.send("POST", "/api/v1/auth/login", "email=x", "application/x-www-form-urlencoded")
                .expectProblem(415, null);
        api.post(
                        "/api/v1/signup",
                        Map.of(
                                "organization_name",
                                "x",
                                "email",
                                "not-an-email",
                                "password",
                                "short",
                                "display_name",
                                ""))
                .expectProblem(400, "email");
        Session admin = Tenants.signup(api, "badparams");
        admin.api().get("/api/v1/users?size=100000").expectProblem(400, "size");
        admin.api().get("/api/v1/users?page=abc").expectProblem(400, "page");
        admin.api()
                .post(
                        "/api/v1/users",
                        Map.of(
                                "email",
                                "a@b.example",
                                "password",
                                Tenants.PASSWORD,
                                "display_name",
                                "x",
                                "role",
                                "ROOT"))
                .expectProblem(400, null);
    }

    @Test
    void oversizedBodiesAre413() {
        String huge = "{\"email\":\"" + "a".repeat(200_000) + "\",\"password\":\"x\"}";
        api.send("POST", "/api/v1/auth/login", huge, "application/json").expectProblem(413, "limit");
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        Session admin = Tenants.signup(api, "paths");
        admin.api().get("/api/v1/does-not-exist").expectProblem(404, null);
        admin.api().delete("/api/v1/me").expectProblem(405, null);
    }

    @Test
    void demoOrganizationIsSeededInTheDevProfile() {
        String token = Tenants.login(api, "admin@demo.riskbase.local", RiskbaseEnvironment.DEMO_PASSWORD);
        assertEquals(
                "demo",
                api.as(token).get("/api/v1/organization").expect(200).json().getString("slug"));
        String viewer = Tenants.login(api, "viewer@demo.riskbase.local", RiskbaseEnvironment.DEMO_PASSWORD);
        assertNotEquals(token, viewer);
    }

    /** A well-formed RS256 token with the right claims, signed by a key the server does not know. */
    private static String foreignToken() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes());
        String claims = b64.encodeToString(("{\"iss\":\"https://riskbase.local\",\"aud\":\"riskbase\",\"sub\":\"1\","
                        + "\"upn\":\"admin@demo.riskbase.local\","
                        + "\"groups\":[\"ADMIN\"],\"org_id\":1,\"jti\":\"forged\",\"iat\":" + now + ",\"exp\":"
                        + (now + 600) + "}")
                .getBytes());
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(pair.getPrivate());
        signature.update((header + "." + claims).getBytes());
        return header + "." + claims + "." + b64.encodeToString(signature.sign());
    }
}
