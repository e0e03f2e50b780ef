package io.riskbase.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.riskbase.platform.security.Role;
import jakarta.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SsoRoleMappingTest {

    private final SsoRoleMapping mapping =
            SsoRoleMapping.of(Map.of("admins", Role.ADMIN, "analysts", Role.ANALYST, "readers", Role.VIEWER));

    @Test
    void theStrongestMappedRoleWins() {
        assertEquals(Optional.of(Role.ADMIN), mapping.roleFor(List.of("readers", "admins", "analysts")));
        assertEquals(Optional.of(Role.ANALYST), mapping.roleFor(List.of("readers", "analysts", "other")));
        assertEquals(Optional.of(Role.VIEWER), mapping.roleFor(List.of("readers")));
    }

    @Test
    void noMappedGroupMeansNoRoleNeverADefault() {
        assertEquals(Optional.empty(), mapping.roleFor(List.of("staff", "ADMIN")));
        assertEquals(Optional.empty(), mapping.roleFor(List.of()));
    }

    @Test
    void roundTripsThroughItsStoredJson() {
        assertEquals(mapping.roles(), SsoRoleMapping.fromJson(mapping.toJson()).roles());
    }

    @Test
    void groupsClaimMayBeAnArrayOrOneString() {
        assertEquals(
                List.of("a", "b"),
                SsoRoleMapping.groupsOf(
                        Json.createArrayBuilder().add("a").add(1).add("b").build()));
        assertEquals(List.of("a"), SsoRoleMapping.groupsOf(Json.createValue("a")));
        assertEquals(List.of(), SsoRoleMapping.groupsOf(Json.createValue(3)));
        assertEquals(List.of(), SsoRoleMapping.groupsOf(null));
    }

    @Test
    void refusesEmptyBlankOversizedAndNullRoles() {
        assertThrows(IllegalArgumentException.class, () -> SsoRoleMapping.of(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> SsoRoleMapping.of(Map.of(" ", Role.ADMIN)));
        assertThrows(IllegalArgumentException.class, () -> SsoRoleMapping.of(Map.of("x".repeat(201), Role.ADMIN)));
        Map<String, Role> nullRole = new HashMap<>();
        nullRole.put("g", null);
        assertThrows(IllegalArgumentException.class, () -> SsoRoleMapping.of(nullRole));
        Map<String, Role> long_ = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            long_.put(i + "-" + "g".repeat(190), Role.VIEWER);
        }
        assertThrows(IllegalArgumentException.class, () -> SsoRoleMapping.of(long_));
    }
}
