package io.riskbase.platform.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyPrincipalTest {

    @Test
    void aKeyPassesOnlyTheRoleItsCreatorHoldsNow() {
        ApiKeyPrincipal ofAdmin = new ApiKeyPrincipal(1, 2, 3, Role.ADMIN, Set.of(ApiScopes.ADMIN));
        assertTrue(ofAdmin.actsAs(Role.ADMIN_NAME));
        assertTrue(ofAdmin.isAdmin());

        ApiKeyPrincipal ofViewer = new ApiKeyPrincipal(1, 2, 3, Role.VIEWER, Set.of(ApiScopes.ADMIN));
        assertFalse(ofViewer.actsAs(Role.ADMIN_NAME), "an admin scope does not make a VIEWER's key an ADMIN");
        assertTrue(ofViewer.actsAs(Role.VIEWER.name()));
        assertFalse(ofViewer.isAdmin());
    }

    @Test
    void anAdminCreatorDoesNotMakeAScopedKeyAnAdmin() {
        assertFalse(new ApiKeyPrincipal(1, 2, 3, Role.ADMIN, Set.of("risks:write")).isAdmin());
    }
}
