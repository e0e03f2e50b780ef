package io.riskbase.platform.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which route group a request belongs to and how big that group's buckets are, all from MicroProfile Config.
 * {@code riskbase.ratelimit.route-groups} maps prefixes of the matched endpoint's path template to groups (longest
 * prefix wins, e.g. {@code /api/v1/auth/login=auth}); any other request, and any request that matched no endpoint, is
 * {@code read} (GET, HEAD, OPTIONS) or {@code write}. A group's buckets are {@code riskbase.ratelimit.<group>.capacity}
 * and {@code .refill-per-second}; a group without them uses the {@code read} group's.
 */
@ApplicationScoped
public class RateLimitPolicy {

    public static final String READ = "read";
    public static final String WRITE = "write";
    public static final String AUTH = "auth";
    /** The per-(e-mail, client address) bucket of login and sign-up, beside the auth group's per-address one. */
    public static final String AUTH_EMAIL = "auth.email";
    /**
     * The per-e-mail bucket of login and sign-up, whatever the address: when empty, attempts are delayed, not refused.
     */
    public static final String AUTH_SLOWDOWN = "auth.slowdown";

    private record Route(String prefix, String group) {
        boolean matches(String path) {
            return path.equals(prefix)
                    || (path.startsWith(prefix) && (prefix.endsWith("/") || path.charAt(prefix.length()) == '/'));
        }
    }

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "riskbase.ratelimit.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(
            name = "riskbase.ratelimit.route-groups",
            defaultValue = "/api/v1/auth/login=auth,/api/v1/signup=auth,/api/v1/admin/=admin")
    List<String> routeGroups;

    @Inject
    @ConfigProperty(name = "riskbase.ratelimit.auth.slowdown.max-delay-ms", defaultValue = "2000")
    long slowdownMaxDelayMillis;

    private volatile List<Route> routes;
    private final ConcurrentHashMap<String, BucketSpec> specs = new ConcurrentHashMap<>();

    public boolean enabled() {
        return enabled;
    }

    public long slowdownMaxDelayMillis() {
        return slowdownMaxDelayMillis;
    }

    /** The group of an endpoint's path template ({@code /api/v1/users/{id}}); {@code null}: no endpoint matched. */
    public String groupOf(String method, String template) {
        if (template != null) {
            for (Route route : routes()) {
                if (route.matches(template)) {
                    return route.group();
                }
            }
        }
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> READ;
            default -> WRITE;
        };
    }

    public BucketSpec spec(String group) {
        return specs.computeIfAbsent(group, g -> {
            String fallback = "riskbase.ratelimit." + READ;
            long capacity = config.getOptionalValue("riskbase.ratelimit." + g + ".capacity", Long.class)
                    .orElseGet(() -> config.getOptionalValue(fallback + ".capacity", Long.class)
                            .orElse(200L));
            double refill = config.getOptionalValue("riskbase.ratelimit." + g + ".refill-per-second", Double.class)
                    .orElseGet(() -> config.getOptionalValue(fallback + ".refill-per-second", Double.class)
                            .orElse(50.0));
            return new BucketSpec(capacity, refill);
        });
    }

    private List<Route> routes() {
        List<Route> current = routes;
        if (current == null) {
            List<Route> parsed = new ArrayList<>();
            for (String entry : routeGroups) {
                int eq = entry.lastIndexOf('=');
                if (eq <= 0 || eq == entry.length() - 1) {
                    throw new IllegalArgumentException(
                            "riskbase.ratelimit.route-groups entry '" + entry + "' is not prefix=group");
                }
                parsed.add(new Route(
                        entry.substring(0, eq).strip(), entry.substring(eq + 1).strip()));
            }
            parsed.sort(
                    Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
            current = List.copyOf(parsed);
            routes = current;
        }
        return current;
    }
}
