package io.riskbase.identity;

import io.riskbase.platform.security.Role;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Identity-provider groups → Riskbase role. A user in several mapped groups gets the most powerful of their roles; a
 * user in none gets no access at all (never a default role), so leaving every mapped group locks the account at the
 * next login.
 */
public final class SsoRoleMapping {

    static final int MAX_GROUPS = 50;
    static final int MAX_GROUP_LENGTH = 200;
    /** The column it is stored in (011-sso). */
    static final int MAX_JSON_LENGTH = 4000;

    private final Map<String, Role> roles;

    private SsoRoleMapping(Map<String, Role> roles) {
        this.roles = Map.copyOf(roles);
    }

    /** Checks a mapping given by an ADMIN; throws IllegalArgumentException with a message fit for a 400. */
    public static SsoRoleMapping of(Map<String, Role> roles) {
        Objects.requireNonNull(roles);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("role_mapping must map at least one group to a role");
        }
        if (roles.size() > MAX_GROUPS) {
            throw new IllegalArgumentException("role_mapping maps at most " + MAX_GROUPS + " groups");
        }
        for (Map.Entry<String, Role> e : roles.entrySet()) {
            String group = e.getKey();
            if (group == null || group.isBlank() || group.length() > MAX_GROUP_LENGTH) {
                throw new IllegalArgumentException(
                        "role_mapping group names must be 1-" + MAX_GROUP_LENGTH + " characters");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("role_mapping: group '" + group + "' needs a role");
            }
        }
        SsoRoleMapping mapping = new SsoRoleMapping(roles);
        if (mapping.toJson().length() > MAX_JSON_LENGTH) {
            throw new IllegalArgumentException(
                    "role_mapping is too long: at most " + MAX_JSON_LENGTH + " characters as JSON");
        }
        return mapping;
    }

    static SsoRoleMapping fromJson(String json) {
        JsonObject object = Json.createReader(new StringReader(json)).readObject();
        Map<String, Role> roles = new LinkedHashMap<>();
        object.forEach((group, role) -> roles.put(group, Role.valueOf(((JsonString) role).getString())));
        return new SsoRoleMapping(roles);
    }

    String toJson() {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        roles.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> builder.add(e.getKey(), e.getValue().name()));
        return builder.build().toString();
    }

    public Map<String, Role> roles() {
        return roles;
    }

    /** The strongest role of the mapped groups among these, or empty when none of them is mapped. */
    public Optional<Role> roleFor(Collection<String> groups) {
        return groups.stream().map(roles::get).filter(Objects::nonNull).min(Enum::compareTo);
    }

    /** A groups claim as ID tokens carry it: an array of strings, or one string. Anything else is no group. */
    static Collection<String> groupsOf(JsonValue claim) {
        if (claim == null) {
            return java.util.List.of();
        }
        return switch (claim.getValueType()) {
            case STRING -> java.util.List.of(((JsonString) claim).getString());
            case ARRAY ->
                claim.asJsonArray().stream()
                        .filter(v -> v.getValueType() == JsonValue.ValueType.STRING)
                        .map(v -> ((JsonString) v).getString())
                        .toList();
            default -> java.util.List.of();
        };
    }
}
