package io.riskbase.platform.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scopes of API keys and the one place they meet the role checks: a key may call an endpoint when one of its scopes
 * covers the endpoint's resource family (the first segment of its path under {@code /api/v1}) and access (read for
 * GET/HEAD/OPTIONS, write otherwise). When it may, it passes every {@code @RolesAllowed} of that endpoint; when it may
 * not, the answer is 403. {@value #ADMIN} covers everything; {@code x:write} includes {@code x:read}. Families not
 * listed here (API keys, the cache and performance admin, logout) need {@value #ADMIN}.
 */
public final class ApiScopes {

    public static final String ADMIN = "admin";
    public static final String PREFIX = "rbk_";

    /** Path family → scope family; read-only families have no {@code :write}. */
    private static final Map<String, String> FAMILIES = Map.ofEntries(
            Map.entry("risks", "risks"),
            // the register's catalogue: what risks threaten and what treats them
            Map.entry("assets", "risks"),
            Map.entry("controls", "risks"),
            Map.entry("frameworks", "risks"),
            Map.entry("users", "users"),
            Map.entry("invitations", "users"),
            Map.entry("organization", "organization"),
            Map.entry("dashboard", "dashboard"),
            Map.entry("marketplace", "marketplace"),
            Map.entry("audit-log", "audit"),
            // jobs are risk imports today: whoever may write risks may start one, whoever reads them may watch
            Map.entry("jobs", "risks"));

    /** Families any valid key may read: who the key acts for, and the authenticated ping. */
    private static final Set<String> OPEN = Set.of("me", "ping");

    private static final List<String> ALL = List.of(
            "risks:read",
            "risks:write",
            "users:read",
            "users:write",
            "organization:read",
            "organization:write",
            "dashboard:read",
            "marketplace:read",
            "marketplace:write",
            "audit:read",
            ADMIN);

    private ApiScopes() {}

    /** Every scope a key can be given, in a stable order. */
    public static List<String> all() {
        return ALL;
    }

    public static boolean isKnown(String scope) {
        return ALL.contains(scope);
    }

    /**
     * Whether a key with these scopes may call the endpoint at this path (relative to {@code /api/v1}, with or without
     * a leading slash) with this HTTP method.
     */
    public static boolean allows(Set<String> scopes, String path, String method) {
        if (scopes.contains(ADMIN)) {
            return true;
        }
        String family = firstSegment(path);
        boolean read = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
        if (read && OPEN.contains(family)) {
            return true;
        }
        String scopeFamily = FAMILIES.get(family);
        if (scopeFamily == null) {
            return false;
        }
        return scopes.contains(scopeFamily + ":write") || (read && scopes.contains(scopeFamily + ":read"));
    }

    /** The scopes in a stable order without duplicates; unknown ones are the caller's to reject first. */
    public static List<String> normalized(List<String> scopes) {
        Set<String> set = new LinkedHashSet<>(scopes);
        return ALL.stream().filter(set::contains).toList();
    }

    private static String firstSegment(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.startsWith("api/v1/")) {
            p = p.substring("api/v1/".length());
        }
        int slash = p.indexOf('/');
        return slash < 0 ? p : p.substring(0, slash);
    }
}
