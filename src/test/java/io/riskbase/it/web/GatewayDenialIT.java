package io.riskbase.it.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import io.riskbase.it.support.TestNginx;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compose gateway's own nginx.conf, run by a real nginx in front of node A ({@link TestNginx}): operator endpoints
 * answer 404 through it, in every spelling Liberty would still route, while the node itself serves them and the public
 * API passes.
 */
class GatewayDenialIT {

    static Session admin;
    static Api node;
    static Api gateway;
    static TestNginx nginx;

    @BeforeAll
    static void start() {
        assumeTrue(TestNginx.binary().isPresent(), "nginx is not installed");
        node = RiskbaseEnvironment.get().api();
        admin = Tenants.signup(node, "gateway-denial");
        nginx = new TestNginx("gateway-denial", URI.create(node.baseUrl()).getPort());
        gateway = new Api("http://127.0.0.1:" + nginx.port()).as(admin.token());
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.stop();
        }
    }

    @Test
    void operatorEndpointsAreServedByTheNodeButDeniedByTheGateway() {
        Api direct = node.as(admin.token());
        for (String path : List.of("/metrics", "/openapi", "/openapi/ui/", "/api/v1/admin/cache")) {
            assertEquals(200, direct.get(path).status(), "the node serves " + path);
        }
        for (String path : List.of(
                "/metrics",
                "/metrics/",
                "/openapi",
                "/openapi/ui/",
                "/api/v1/admin/cache",
                "/api/v1/admin/performance",
                "/api/v1/admin;x=1/cache",
                "/api/v1//admin/cache",
                "/api/v1/%61dmin/cache",
                "/API/V1/ADMIN/cache")) {
            assertEquals(404, gateway.get(path).status(), "through the gateway: " + path);
        }
        // the spelling with ;parameters does reach the admin API on the node: the gateway must catch it
        assertEquals(200, direct.get("/api/v1/admin;x=1/cache").status());
    }

    @Test
    void thePublicApiPassesTheGateway() {
        for (String path : List.of("/api/v1/risks", "/api/v1/me", "/api/v1/ping", "/health/ready")) {
            assertNotEquals(404, gateway.get(path).status(), path);
            assertEquals(200, gateway.get(path).status(), path);
        }
    }
}
