package io.riskbase.platform.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CachedMethodTest {

    static class Catalogue {
        @Cached("catalogue")
        public String connector(long id) {
            return "connector";
        }

        @Cached("catalogue")
        public String app(long id) {
            return "app";
        }
    }

    static class Risks {
        @Cached("risk")
        public String get(@TenantId long org, long id) {
            return "risk";
        }

        @CacheInvalidate(entries = "risk")
        public void update(@TenantId long org, long user, @CacheKey long id, String body) {}

        @Cached("risk-list")
        public String list(long page) {
            return "list";
        }

        @CacheInvalidate(entries = "risk-history")
        public void bad(@TenantId long org, @CacheKey long id) {}
    }

    static Method method(Class<?> type, String name) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> m.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static CachedMethod read(Class<?> type, String name) {
        Method m = method(type, name);
        String namespace = m.getAnnotation(Cached.class).value();
        return CachedMethod.forRead(
                m, namespace.equals("catalogue") ? Namespace.global(namespace) : Namespace.tenant(namespace));
    }

    @Test
    void methodsSharingANamespaceNeverShareAKey() {
        Object[] connector = read(Catalogue.class, "connector").keyArgs("catalogue", new Object[] {7L});
        Object[] app = read(Catalogue.class, "app").keyArgs("catalogue", new Object[] {7L});
        assertFalse(Arrays.equals(connector, app));
    }

    @Test
    void anEntryEvictionBuildsTheReadersKeyFromItsCacheKeyParameters() {
        CachedMethod get = read(Risks.class, "get");
        Method update = method(Risks.class, "update");
        CachedMethod write = CachedMethod.forInvalidation(update, update.getAnnotation(CacheInvalidate.class), false);
        assertArrayEquals(
                get.keyArgs("risk", new Object[] {42L, 7L}), write.keyArgs("risk", new Object[] {42L, 3L, 7L, "body"}));
        assertEquals(42L, write.tenant(new Object[] {42L, 3L, 7L, "body"}));
    }

    @Test
    void aTenantNamespaceWithoutATenantParameterIsRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> read(Risks.class, "list"));
        assertTrue(e.getMessage().contains("@TenantId"));
    }

    @Test
    void evictingANamespaceWithoutItsReaderInTheClassIsRejected() {
        Method bad = method(Risks.class, "bad");
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> CachedMethod.forInvalidation(bad, bad.getAnnotation(CacheInvalidate.class), false));
        assertTrue(e.getMessage().contains("exactly one @Cached method"), e.getMessage());
    }
}
