package io.riskbase.it.marketplace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The connector catalogue and per-organization installations over HTTP on PostgreSQL. */
class MarketplaceIT {

    static Api api;
    static Session admin;
    static Session viewer;

    @BeforeAll
    static void start() {
        api = RiskbaseEnvironment.get().api();
        admin = Tenants.signup(api, "market");
        viewer = Tenants.addUser(admin, "VIEWER");
    }

    private static JsonObject connector(String slug) {
        ApiResponse all =
                viewer.api().get("/api/v1/marketplace/connectors?size=100").expect(200);
        return all.array().getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("slug").equals(slug))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void catalogueListsFiltersAndPages() {
        ApiResponse all =
                viewer.api().get("/api/v1/marketplace/connectors?size=100").expect(200);
        assertEquals("40", all.header("X-Total-Count"));
        List<String> names = all.array().getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("name"))
                .toList();
        assertEquals(names.stream().sorted().toList(), names, "ordered by name");
        assertEquals(
                20,
                viewer.api()
                        .get("/api/v1/marketplace/connectors")
                        .expect(200)
                        .array()
                        .size());
        ApiResponse ticketing = viewer.api()
                .get("/api/v1/marketplace/connectors?category=ticketing")
                .expect(200);
        assertEquals("5", ticketing.header("X-Total-Count"));
        assertTrue(ticketing.array().getValuesAs(JsonObject.class).stream()
                .allMatch(c -> c.getString("category").equals("ticketing")));
        ApiResponse deprecated = viewer.api()
                .get("/api/v1/marketplace/connectors?status=deprecated")
                .expect(200);
        assertEquals("3", deprecated.header("X-Total-Count"));
        assertEquals(
                "1",
                viewer.api()
                        .get("/api/v1/marketplace/connectors?category=siem&status=DEPRECATED")
                        .expect(200)
                        .header("X-Total-Count"));
        viewer.api().get("/api/v1/marketplace/connectors?category=astrology").expectProblem(400, "'category'");
        viewer.api().get("/api/v1/marketplace/connectors?status=GONE").expectProblem(400, "'status'");
        viewer.api().get("/api/v1/marketplace/connectors?size=101").expectProblem(400, "'size'");
        api.get("/api/v1/marketplace/connectors").expectProblem(401, null);
    }

    @Test
    void connectorDetailCarriesItsAppsAndAppsResolve() {
        long jira = connector("jira-cloud").getJsonNumber("id").longValue();
        JsonObject detail = viewer.api()
                .get("/api/v1/marketplace/connectors/" + jira)
                .expect(200)
                .json();
        assertEquals("Jira Cloud", detail.getJsonObject("connector").getString("name"));
        List<JsonObject> apps = detail.getJsonArray("apps").getValuesAs(JsonObject.class);
        assertEquals(2, apps.size(), "ticketing connectors have a sync and an alerts app");
        long appId = apps.get(0).getJsonNumber("id").longValue();
        JsonObject app = viewer.api()
                .get("/api/v1/marketplace/apps/" + appId)
                .expect(200)
                .json();
        assertEquals(jira, app.getJsonNumber("connector_id").longValue());
        assertEquals("sync", app.getJsonObject("metadata").getString("kind"));
        viewer.api().get("/api/v1/marketplace/connectors/999999").expectProblem(404, "not found");
        viewer.api().get("/api/v1/marketplace/apps/999999").expectProblem(404, "not found");
        viewer.api().get("/api/v1/marketplace/apps/x1").expectProblem(404, null);
    }

    @Test
    void adminsInstallPerOrganization() {
        long siem = connector("splunk").getJsonNumber("id").longValue();
        Session other = Tenants.signup(api, "market-other");
        String path = "/api/v1/marketplace/connectors/" + siem + "/installation";

        viewer.api().post(path, Map.of()).expectProblem(403, null);
        Session analyst = Tenants.addUser(admin, "ANALYST");
        analyst.api().post(path, Map.of()).expectProblem(403, null);
        admin.api()
                .post(path, Map.of("config", Map.of("index", "x".repeat(501))))
                .expectProblem(400, "config");
        admin.api().post(path, Map.of("config", Map.of("bad key!", "v"))).expectProblem(400, "config");

        ApiResponse installed = admin.api()
                .post(path, Map.of("config", Map.of("index", "risk-events")))
                .expect(201);
        assertTrue(installed.header("Location").endsWith(path));
        assertEquals("ACTIVE", installed.json().getString("status"));
        assertEquals("risk-events", installed.json().getJsonObject("config").getString("index"));
        admin.api().post(path, null).expectProblem(409, "already installed");
        assertEquals("splunk", viewer.api().get(path).expect(200).json().getString("connector_slug"));
        assertEquals(
                1,
                viewer.api()
                        .get("/api/v1/marketplace/installations")
                        .expect(200)
                        .array()
                        .size());

        // another organization sees none of it and installs independently
        other.api().get(path).expectProblem(404, null);
        assertEquals(
                0,
                other.api()
                        .get("/api/v1/marketplace/installations")
                        .expect(200)
                        .array()
                        .size());
        other.api().delete(path).expectProblem(404, null);
        other.api().send("POST", path, null, null).expect(201);
        other.api().delete(path).expect(204);

        viewer.api().delete(path).expectProblem(403, null);
        admin.api().delete(path).expect(204);
        admin.api().delete(path).expectProblem(404, null);
        viewer.api().get(path).expectProblem(404, null);

        long deprecated = viewer.api()
                .get("/api/v1/marketplace/connectors?status=DEPRECATED")
                .expect(200)
                .array()
                .getJsonObject(0)
                .getJsonNumber("id")
                .longValue();
        admin.api()
                .post("/api/v1/marketplace/connectors/" + deprecated + "/installation", Map.of())
                .expectProblem(409, "deprecated");
        admin.api()
                .post("/api/v1/marketplace/connectors/999999/installation", Map.of())
                .expectProblem(404, null);
    }
}
