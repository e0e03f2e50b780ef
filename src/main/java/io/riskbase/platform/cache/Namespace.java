package io.riskbase.platform.cache;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One cache namespace as its feature declares it (in its {@link CacheDeclaration}): the unit of TTL settings and of
 * invalidation.
 *
 * @param name the name {@code @Cached}/{@code @CacheInvalidate} use, and the key of its settings
 *     ({@code riskbase.cache.ttl.<name>})
 * @param global whether its entries are shared by all tenants (no tenant in the key)
 * @param etag whether a hit may give the HTTP response its ETag: false for lookups every request makes besides its
 *     answer (the session check)
 * @param invalidatedBy the changes ({@link CacheInvalidate#changes()}) that bump this namespace, whichever feature
 *     announces them: where a view derived from another feature's data says so
 */
public record Namespace(String name, boolean global, boolean etag, Set<String> invalidatedBy) {

    /** What a namespace name looks like (also what the admin endpoint accepts). */
    public static final String NAME_PATTERN = "[a-z][a-z0-9-]{0,40}";

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    public Namespace {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("cache namespace '" + name + "' must match " + NAME);
        }
        invalidatedBy = Set.copyOf(invalidatedBy);
    }

    /** A namespace of per-tenant data: every key carries the tenant. */
    public static Namespace tenant(String name) {
        return new Namespace(name, false, true, Set.of());
    }

    /** A namespace of data all tenants share (the marketplace catalogue). */
    public static Namespace global(String name) {
        return new Namespace(name, true, true, Set.of());
    }

    /** This namespace is also bumped whenever one of these changes is announced. */
    public Namespace invalidatedBy(String... changes) {
        Set<String> all = new LinkedHashSet<>(invalidatedBy);
        all.addAll(List.of(changes));
        return new Namespace(name, global, etag, all);
    }

    /** Its hits never set the response's ETag: a lookup a request makes besides its answer. */
    public Namespace withoutEtag() {
        return new Namespace(name, global, false, invalidatedBy);
    }
}
