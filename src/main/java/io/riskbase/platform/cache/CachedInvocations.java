package io.riskbase.platform.cache;

import jakarta.json.bind.Jsonb;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the cache bindings do, as plain code over a {@link TieredCache}: a {@link Cached} call reads through the cache,
 * a {@link CacheInvalidate} write yields the evictions its commit must trigger. Per-method metadata is worked out once.
 * The interceptors only adapt an invocation to this class.
 */
public final class CachedInvocations {

    /** What answered a read, and whether the response may take its ETag ({@link Namespace#etag()}). */
    public record Answer(TieredCache.Result result, boolean etag) {}

    private record Read(CachedMethod method, NamespacePolicy policy, TieredCache.Codec codec, boolean etag) {}

    private record Write(CachedMethod method, List<String> entries, List<String> bumped, List<String> negatives) {}

    private final TieredCache cache;
    private final NamespaceCatalog catalog;
    private final Function<String, NamespacePolicy> policies;
    private final Jsonb jsonb;
    private final Map<Method, Read> reads = new ConcurrentHashMap<>();
    private final Map<Method, Write> writes = new ConcurrentHashMap<>();

    public CachedInvocations(
            TieredCache cache, NamespaceCatalog catalog, Function<String, NamespacePolicy> policies, Jsonb jsonb) {
        this.cache = cache;
        this.catalog = catalog;
        this.policies = policies;
        this.jsonb = jsonb;
    }

    /** Reads the result of {@code method(args)} from the cache, loading it with {@code loader} on a miss. */
    public Answer read(Method method, Object[] args, TieredCache.Loader loader) throws Exception {
        return read(method, args, loader, true);
    }

    /**
     * As {@link #read(Method, Object[], TieredCache.Loader)}; with {@code decode} false a hit carries its JSON only.
     */
    public Answer read(Method method, Object[] args, TieredCache.Loader loader, boolean decode) throws Exception {
        Read read = reads.computeIfAbsent(method, this::read);
        TieredCache.Result result = cache.get(
                read.policy(),
                read.method().tenant(args),
                read.method().keyArgs(read.method().namespace, args),
                read.codec(),
                loader,
                decode);
        return new Answer(result, read.etag());
    }

    /** The invalidation a successful {@code method(args)} causes, to run once its transaction has committed. */
    public Runnable invalidation(Method method, Object[] args) {
        Write write = writes.computeIfAbsent(method, this::write);
        Long tenant = write.method().tenant(args);
        return () -> {
            for (String namespace : write.entries()) {
                cache.evict(namespace, tenant, write.method().keyArgs(namespace, args));
            }
            for (String namespace : write.bumped()) {
                cache.bumpNamespace(namespace, tenant);
            }
            for (String namespace : write.negatives()) {
                cache.dropNegatives(namespace, tenant);
            }
        };
    }

    /** Bumps one namespace of one tenant (admin action); {@code tenant} null for a global namespace. */
    public void invalidateNamespace(String namespace, Long tenant) {
        cache.bumpNamespace(namespace, tenant);
    }

    private Read read(Method method) {
        Namespace namespace =
                catalog.namespace(method.getAnnotation(Cached.class).value());
        return new Read(
                CachedMethod.forRead(method, namespace),
                policies.apply(namespace.name()),
                jsonCodec(method.getGenericReturnType()),
                namespace.etag());
    }

    private Write write(Method method) {
        CacheInvalidate binding = method.getAnnotation(CacheInvalidate.class);
        return new Write(
                CachedMethod.forInvalidation(method, binding, catalog.global(binding)),
                List.of(binding.entries()),
                catalog.bumpedBy(binding),
                List.of(binding.negatives()));
    }

    /** Results are stored as the JSON of the method's generic return type, so they must be immutable values. */
    private TieredCache.Codec jsonCodec(Type type) {
        if (type == boolean.class || type == Boolean.class) {
            return BOOLEAN;
        }
        return new TieredCache.Codec() {
            @Override
            public byte[] encode(Object value) {
                return jsonb.toJson(value).getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public Object decode(byte[] json) {
                return jsonb.fromJson(new String(json, StandardCharsets.UTF_8), type);
            }
        };
    }

    /**
     * The same JSON as a binding writes ({@code true} or {@code false}), read without a parser: the session check on
     * every authenticated request is such a read, and parsing four bytes with JSON-B was a tenth of its cost.
     */
    static final TieredCache.Codec BOOLEAN = new TieredCache.Codec() {
        private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

        @Override
        public byte[] encode(Object value) {
            return ((Boolean) value ? TRUE : FALSE).clone();
        }

        @Override
        public Object decode(byte[] json) {
            if (Arrays.equals(json, TRUE)) {
                return Boolean.TRUE;
            }
            if (Arrays.equals(json, FALSE)) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("not a JSON boolean: " + new String(json, StandardCharsets.UTF_8));
        }
    };
}
