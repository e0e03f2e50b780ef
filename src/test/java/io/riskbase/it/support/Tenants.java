package io.riskbase.it.support;

import java.util.Map;
import java.util.UUID;

/** Creates fresh organizations and users through the public API, so tests never share data by accident. */
public final class Tenants {

    public static final String PASSWORD = "correct-horse-battery";

    private Tenants() {}

    /** A new organization; returns its ADMIN's session. */
    public static Session signup(Api api, String label) {
        String unique = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        String email = "admin@" + unique + ".example";
        ApiResponse created = api.post(
                        "/api/v1/signup",
                        Map.of(
                                "organization_name",
                                "Org " + unique,
                                "email",
                                email,
                                "password",
                                PASSWORD,
                                "display_name",
                                "Admin of " + unique))
                .expect(201);
        long orgId =
                created.json().getJsonObject("organization").getJsonNumber("id").longValue();
        long userId = created.json().getJsonObject("user").getJsonNumber("id").longValue();
        return new Session(api, orgId, userId, email, login(api, email, PASSWORD));
    }

    /** Adds a user with the role to the admin's organization and logs them in. */
    public static Session addUser(Session admin, String role) {
        String email = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@"
                + admin.email().split("@")[1];
        ApiResponse created = admin.api()
                .post(
                        "/api/v1/users",
                        Map.of("email", email, "password", PASSWORD, "display_name", role + " user", "role", role))
                .expect(201);
        long userId = created.json().getJsonNumber("id").longValue();
        Api anonymous = new Api(admin.api().baseUrl());
        return new Session(anonymous, admin.orgId(), userId, email, login(anonymous, email, PASSWORD));
    }

    public static String login(Api api, String email, String password) {
        return api.post("/api/v1/auth/login", Map.of("email", email, "password", password))
                .expect(200)
                .json()
                .getString("access_token");
    }

    /** A logged-in user: {@link #api()} sends their token. */
    public record Session(Api anonymous, long orgId, long userId, String email, String token) {
        public Api api() {
            return anonymous.as(token);
        }

        /** The same user's token against another node. */
        public Api on(LibertyNode node) {
            return new Api(node.baseUrl()).as(token);
        }
    }
}
