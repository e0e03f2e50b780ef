package io.riskbase.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.errors.NotFoundException;
import io.riskbase.platform.redis.RedisBudget;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedInvocationsTest {

    static final class RiskDeclaration implements CacheDeclaration {
        @Override
        public List<Namespace> namespaces() {
            return List.of(
                    Namespace.tenant("risk"),
                    Namespace.tenant("risk-list").invalidatedBy("risks-changed"),
                    Namespace.tenant("session").withoutEtag());
        }

        @Override
        public List<String> changes() {
            return List.of("risks-changed");
        }
    }

    static final class DashboardDeclaration implements CacheDeclaration {
        @Override
        public List<Namespace> namespaces() {
            return List.of(Namespace.tenant("dashboard").invalidatedBy("risks-changed"));
        }
    }

    /** Stands in for a service: each read counts its loads. */
    static final class Risks {
        final AtomicInteger loads = new AtomicInteger();

        @Cached("risk")
        public String get(@TenantId long org, long id) {
            if (id == 99) {
                throw ApiException.notFound("Risk " + id);
            }
            return "risk " + id + " of " + org + " v" + loads.incrementAndGet();
        }

        @Cached("risk-list")
        public List<String> list(@TenantId long org) {
            return List.of("list of " + org + " v" + loads.incrementAndGet());
        }

        @Cached("session")
        public boolean isLive(@TenantId long org, String jti) {
            loads.incrementAndGet();
            return true;
        }

        @CacheInvalidate(entries = "risk", changes = "risks-changed")
        public void update(@TenantId long org, long user, @CacheKey long id) {}

        @CacheInvalidate(changes = "risks-changed", negatives = "risk")
        public void create(@TenantId long org) {}
    }

    static final class Dashboard {
        final AtomicInteger loads = new AtomicInteger();

        @Cached("dashboard")
        public String stats(@TenantId long org) {
            return "stats v" + loads.incrementAndGet();
        }
    }

    final AtomicLong clock = new AtomicLong(1_000_000);
    final InMemoryTiers.Shared redis = new InMemoryTiers.Shared(clock::get);
    final TieredCache cache = new TieredCache(
            new InMemoryTiers.Local(clock::get),
            redis,
            new Generations(redis),
            Duration.ofSeconds(5),
            message -> {},
            CacheStatistics.NONE,
            clock::get,
            Runnable::run,
            () -> true,
            2_000,
            "node",
            RedisBudget.NONE);
    final NamespaceCatalog catalog = NamespaceCatalog.of(List.of(new RiskDeclaration(), new DashboardDeclaration()));
    final CachedInvocations invocations = new CachedInvocations(
            cache,
            catalog,
            ns -> new NamespacePolicy(ns, catalog.namespace(ns).global(), 300_000, 30_000, 0),
            JsonbBuilder.create());
    final Risks risks = new Risks();
    final Dashboard dashboard = new Dashboard();

    static Method method(Class<?> type, String name) throws NoSuchMethodException {
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new NoSuchMethodException(name);
    }

    Object get(long org, long id) throws Exception {
        return invocations
                .read(method(Risks.class, "get"), new Object[] {org, id}, () -> risks.get(org, id))
                .result()
                .value();
    }

    Object list(long org) throws Exception {
        return invocations
                .read(method(Risks.class, "list"), new Object[] {org}, () -> risks.list(org))
                .result()
                .value();
    }

    Object stats(long org) throws Exception {
        return invocations
                .read(method(Dashboard.class, "stats"), new Object[] {org}, () -> dashboard.stats(org))
                .result()
                .value();
    }

    void update(long org, long id) throws Exception {
        invocations
                .invalidation(method(Risks.class, "update"), new Object[] {org, 5L, id})
                .run();
    }

    @Test
    void aReadLoadsOnceAndAnswersFromTheCacheWithTheSameValue() throws Exception {
        CachedInvocations.Answer first =
                invocations.read(method(Risks.class, "get"), new Object[] {1L, 7L}, () -> risks.get(1, 7));
        CachedInvocations.Answer second =
                invocations.read(method(Risks.class, "get"), new Object[] {1L, 7L}, () -> risks.get(1, 7));
        assertEquals("miss", first.result().tier());
        assertEquals("l1", second.result().tier());
        assertEquals("risk 7 of 1 v1", second.result().value());
        assertTrue(second.etag(), "a risk read describes the response");
        assertEquals(1, risks.loads.get());
    }

    @Test
    void booleansAreStoredAsJsonBWritesThemAndReadWithoutAParser() {
        var jsonb = JsonbBuilder.create();
        for (boolean value : new boolean[] {true, false}) {
            byte[] json = CachedInvocations.BOOLEAN.encode(value);
            assertEquals(jsonb.toJson(value), new String(json, java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(
                    value, CachedInvocations.BOOLEAN.decode(jsonb.toJson(value).getBytes()));
        }
        assertThrows(IllegalArgumentException.class, () -> CachedInvocations.BOOLEAN.decode("1".getBytes()));
    }

    @Test
    void resultsAreDecodedWithTheMethodsGenericType() throws Exception {
        list(1);
        assertEquals(List.of("list of 1 v1"), list(1));
    }

    @Test
    void tenantsNeverShareAnEntry() throws Exception {
        assertEquals("risk 7 of 1 v1", get(1, 7));
        assertEquals("risk 7 of 2 v2", get(2, 7));
    }

    @Test
    void aWriteEvictsItsEntryAndBumpsTheSubscribersOfItsChangeInOtherFeatures() throws Exception {
        get(1, 7);
        get(1, 8);
        list(1);
        stats(1);
        stats(2);
        update(1, 7);
        assertEquals("risk 7 of 1 v4", get(1, 7), "the written risk is reloaded");
        assertEquals("risk 8 of 1 v2", get(1, 8), "another risk's entry stays");
        assertEquals(List.of("list of 1 v5"), list(1), "the list subscribes to risks-changed");
        assertEquals("stats v3", stats(1), "so does the dashboard, declared in its own feature");
        assertEquals("stats v2", stats(2), "another tenant's dashboard stays");
    }

    @Test
    void aLookupBesideTheAnswerNeverGivesTheResponseItsEtag() throws Exception {
        CachedInvocations.Answer answer =
                invocations.read(method(Risks.class, "isLive"), new Object[] {1L, "jti"}, () -> risks.isLive(1, "jti"));
        assertEquals(Boolean.TRUE, answer.result().value());
        assertFalse(answer.etag());
    }

    @Test
    void notFoundIsCachedByItsTypeAndDroppedByACreate() throws Exception {
        NotFoundException first = assertThrows(NotFoundException.class, () -> get(1, 99));
        NotFoundException cached = assertThrows(NotFoundException.class, () -> get(1, 99));
        assertEquals(first.getMessage(), cached.getMessage());
        assertEquals("Risk 99", cached.what());
        AtomicInteger loads = new AtomicInteger();
        assertThrows(
                NotFoundException.class,
                () -> invocations.read(method(Risks.class, "get"), new Object[] {1L, 99L}, () -> {
                    loads.incrementAndGet();
                    return "found";
                }));
        assertEquals(0, loads.get(), "the negative entry answered");
        invocations
                .invalidation(method(Risks.class, "create"), new Object[] {1L})
                .run();
        assertEquals(
                "found",
                invocations
                        .read(method(Risks.class, "get"), new Object[] {1L, 99L}, () -> "found")
                        .result()
                        .value());
    }

    @Test
    void anotherStatus404IsNotANegativeEntry() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        TieredCache.Loader gone = () -> {
            loads.incrementAndGet();
            throw new ApiException(404, "Risk 5 not found");
        };
        assertThrows(
                ApiException.class, () -> invocations.read(method(Risks.class, "get"), new Object[] {1L, 5L}, gone));
        assertThrows(
                ApiException.class, () -> invocations.read(method(Risks.class, "get"), new Object[] {1L, 5L}, gone));
        assertEquals(2, loads.get(), "only NotFoundException is cached: the signal is the type, never the text");
    }

    @Test
    void anInvalidationCollectsItsKeysWhenItIsMadeAndEvictsWhenItRuns() throws Exception {
        get(1, 7);
        Runnable afterCommit = invocations.invalidation(method(Risks.class, "update"), new Object[] {1L, 5L, 7L});
        assertEquals("risk 7 of 1 v1", get(1, 7), "nothing is evicted before the commit");
        afterCommit.run();
        assertEquals("risk 7 of 1 v2", get(1, 7));
    }

    @Test
    void bindingsAreWorkedOutOncePerMethod() throws Exception {
        List<Object> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(get(3, 1));
        }
        assertEquals(List.of("risk 1 of 3 v1", "risk 1 of 3 v1", "risk 1 of 3 v1"), answers);
    }
}
