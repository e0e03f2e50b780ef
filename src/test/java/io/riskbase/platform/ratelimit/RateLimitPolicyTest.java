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
    void malformedRouteEntriesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> policy("/api/v1/x").groupOf("GET", "/api/v1/x"));
    }

    @Test
    void bucketsNeedRoomAndRefill() {
        assertThrows(IllegalArgumentException.class, () -> new BucketSpec(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BucketSpec(5, 0));
    }
}
