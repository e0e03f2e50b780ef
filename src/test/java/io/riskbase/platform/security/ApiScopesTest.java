package io.riskbase.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiScopesTest {

    @Test
    void readScopesReadAndWriteScopesAlsoWrite() {
        Set<String> read = Set.of("risks:read");
        assertTrue(ApiScopes.allows(read, "risks/5", "GET"));
        assertTrue(ApiScopes.allows(read, "/risks", "HEAD"));
        assertFalse(ApiScopes.allows(read, "risks", "POST"));
        assertFalse(ApiScopes.allows(read, "risks/5", "DELETE"));
        Set<String> write = Set.of("risks:write");
        assertTrue(ApiScopes.allows(write, "risks/5", "GET"));
        assertTrue(ApiScopes.allows(write, "/api/v1/risks/5", "PATCH"));
    }

    @Test
    void aScopeReachesOnlyItsFamilyAndUnlistedFamiliesNeedAdmin() {
        Set<String> risks = Set.of("risks:write");
        assertFalse(ApiScopes.allows(risks, "users", "GET"));
        assertFalse(ApiScopes.allows(risks, "api-keys", "GET"));
        assertFalse(ApiScopes.allows(risks, "admin/cache", "GET"));
        assertFalse(ApiScopes.allows(risks, "audit-log", "GET"));
        assertTrue(ApiScopes.allows(risks, "me", "GET"));
        assertTrue(ApiScopes.allows(Set.of("users:read"), "invitations", "GET"));
        assertTrue(ApiScopes.allows(Set.of("audit:read"), "audit-log/verify", "GET"));
        assertTrue(ApiScopes.allows(Set.of("admin"), "api-keys", "POST"));
        assertTrue(ApiScopes.allows(Set.of("admin"), "auth/logout", "POST"));
        assertFalse(ApiScopes.allows(Set.of("dashboard:read"), "auth/logout", "POST"));
    }

    @Test
    void scopesAreNormalizedToTheKnownOrder() {
        assertEquals(List.of("risks:read", "admin"), ApiScopes.normalized(List.of("admin", "risks:read", "admin")));
        assertFalse(ApiScopes.isKnown("risks:delete"));
    }
}
