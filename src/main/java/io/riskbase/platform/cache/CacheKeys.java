package io.riskbase.platform.cache;

/**
 * Builds cache keys. A key names its namespace, its tenant (or {@code *} for a global namespace), the namespace
 * generation it was built under, and the arguments, each length-prefixed so that no two argument lists can produce the
 * same key.
 */
public final class CacheKeys {

    public static final String PREFIX = "rb:";

    private CacheKeys() {}

    public static String entry(String namespace, Long tenant, long generation, Object... args) {
        StringBuilder key = new StringBuilder(64)
                .append(PREFIX)
                .append(namespace)
                .append(':')
                .append(scope(tenant))
                .append(':')
                .append(generation)
                .append(':');
        for (Object arg : args) {
            String text = String.valueOf(arg);
            key.append(text.length()).append('=').append(text).append(';');
        }
        return key.toString();
    }

    /** The id of a (namespace, tenant) generation counter. */
    public static String generation(String namespace, Long tenant) {
        return PREFIX + "gen:" + namespace + ':' + scope(tenant);
    }

    /** The counter whose bump drops a tenant's cached not-found answers of a namespace. */
    public static String negativeGeneration(String namespace, Long tenant) {
        return PREFIX + "neg:" + namespace + ':' + scope(tenant);
    }

    private static String scope(Long tenant) {
        return tenant == null ? "*" : tenant.toString();
    }
}
