package io.riskbase.platform.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitPolicyTest {

    private static RateLimitPolicy policy(String... routes) {
        RateLimitPolicy policy = new RateLimitPolicy();
        policy.routeGroups = List.of(routes);
        return policy;
    }

    @Test
    void routesByLongestPrefixElseByMethod() {
        RateLimitPolicy p = policy(
                "/api/v1/auth/login=auth",
                "/api/v1/signup=auth",
                "/api/v1/admin/=admin",
                "/api/v1/admin/cache/invalidate=admin-write");
        assertEquals("auth", p.groupOf("POST", "/api/v1/auth/login"));
        assertEquals("write", p.groupOf("POST", "/api/v1/auth/logout"));
        assertEquals("auth", p.groupOf("POST", "/api/v1/signup"));
        assertEquals("write", p.groupOf("POST", "/api/v1/signups"), "a prefix matches whole path segments only");
        assertEquals("admin", p.groupOf("GET", "/api/v1/admin/cache"));
        assertEquals("admin-write", p.groupOf("POST", "/api/v1/admin/cache/invalidate"));
        assertEquals("read", p.groupOf("GET", "/api/v1/me"));
        assertEquals("read", p.groupOf("HEAD", "/api/v1/users"));
        assertEquals("write", p.groupOf("DELETE", "/api/v1/users/3"));
    }

    @Test
    void requestsThatMatchedNoEndpointGoByMethod() {
        RateLimitPolicy p = policy("/api/v1/auth/login=auth");
        assertEquals("read", p.groupOf("GET", null));
        assertEquals("write", p.groupOf("POST", null));
    }

    @jakarta.ws.rs.ApplicationPath("/api/v1")
    static class App {}

    static class AppProxy extends App {}

    @jakarta.ws.rs.Path("/")
    static class Auth {
        @jakarta.ws.rs.Path("auth/login")
        public void login() {}
    }

    @jakarta.ws.rs.Path("/admin/cache/")
    static class Admin {
        public void view() {}

        @jakarta.ws.rs.Path("/{id}/")
        public void one() {}
    }

    static class AdminProxy extends Admin {
        @Override
        public void one() {}
    }

    @Test
    void endpointTemplatesJoinTheApplicationClassAndMethodPaths() throws Exception {
        String base = MatchedEndpoint.applicationPath(AppProxy.class);
        assertEquals("/api/v1", base);
        assertEquals("/api/v1/auth/login", MatchedEndpoint.template(base, Auth.class, Auth.class.getMethod("login")));
        assertEquals("/api/v1/admin/cache", MatchedEndpoint.template(base, Admin.class, Admin.class.getMethod("view")));
        // a container proxy's override carries no annotation: the superclass's is used
        assertEquals(
                "/api/v1/admin/cache/{id}",
                MatchedEndpoint.template(base, AdminProxy.class, AdminProxy.class.getMethod("one")));
        RateLimitPolicy p = policy("/api/v1/auth/login=auth", "/api/v1/admin/=admin");
        assertEquals(
                "auth", p.groupOf("POST", MatchedEndpoint.template(base, Auth.class, Auth.class.getMethod("login"))));
        assertEquals("admin", p.groupOf("GET", "/api/v1/admin/cache/{id}"));
    }

    @Test
    void malformedRouteEntriesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> policy("/api/v1/x").groupOf("GET", "/api/v1/x"));
    }

    @Test
    void bucketsNeedRoomAndRefill() {
        assertThrows(IllegalArgumentException.class, () -> new BucketSpec(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BucketSpec(5, 0));
    }
}
