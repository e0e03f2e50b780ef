package io.riskbase.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceCatalogTest {

    static final class Risks implements CacheDeclaration {
        @Override
        public List<Namespace> namespaces() {
            return List.of(
                    Namespace.tenant("risk"), Namespace.tenant("risk-list").invalidatedBy("risks-changed"));
        }

        @Override
        public List<String> changes() {
            return List.of("risks-changed");
        }
    }

    /** Another feature's view of risks: subscribes to the change where it is declared. */
    static final class Dashboard implements CacheDeclaration {
        @Override
        public List<Namespace> namespaces() {
            return List.of(Namespace.tenant("dashboard").invalidatedBy("risks-changed"), Namespace.global("catalogue"));
        }
    }

    static class Service {
        @Cached("risk")
        public String get(@TenantId long org, long id) {
            return "";
        }

        @CacheInvalidate(entries = "risk", changes = "risks-changed")
        public void update(@TenantId long org, @CacheKey long id) {}

        @Cached("rsik")
        public String misspeltRead(@TenantId long org) {
            return "";
        }

        @CacheInvalidate(changes = "risk-changed")
        public void misspeltChange(@TenantId long org) {}

        @CacheInvalidate(namespaces = {"risk-list", "catalogue"})
        public void mixed(@TenantId long org) {}

        @Cached("dashboard")
        public String withoutTenant(long id) {
            return "";
        }
    }

    final NamespaceCatalog catalog = NamespaceCatalog.of(List.of(new Risks(), new Dashboard()));

    static Method method(String name) {
        return Arrays.stream(Service.class.getDeclaredMethods())
                .filter(m -> m.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static CacheInvalidate write(String name) {
        return method(name).getAnnotation(CacheInvalidate.class);
    }

    @Test
    void declaredBindingsHaveNoProblems() {
        assertEquals(List.of(), catalog.problems(List.of(method("get"), method("update"))));
    }

    @Test
    void aChangeBumpsItsSubscribersInEveryFeature() {
        assertEquals(List.of("risk-list", "dashboard"), catalog.bumpedBy(write("update")));
    }

    @Test
    void aMisspeltNamespaceIsAProblem() {
        List<String> problems = catalog.problems(List.of(method("misspeltRead")));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("undeclared namespace 'rsik'"), problems.get(0));
    }

    @Test
    void aMisspeltChangeIsAProblem() {
        List<String> problems = catalog.problems(List.of(method("misspeltChange")));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("undeclared change 'risk-changed'"), problems.get(0));
    }

    @Test
    void aWriteMixingGlobalAndTenantNamespacesIsAProblem() {
        assertTrue(catalog.problems(List.of(method("mixed"))).get(0).contains("global and tenant"));
    }

    @Test
    void aTenantReadWithoutItsTenantIsFoundAtDeploymentNotAtFirstCall() {
        assertTrue(catalog.problems(List.of(method("withoutTenant"))).get(0).contains("@TenantId"));
    }

    @Test
    void declarationsThemselvesAreChecked() {
        CacheDeclaration typo =
                () -> List.of(Namespace.tenant("risk"), Namespace.tenant("x").invalidatedBy("risks-chanegd"));
        List<String> problems = NamespaceCatalog.of(List.of(new Risks(), typo)).problems(List.of());
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'risk' is declared twice"), problems.get(0));
        assertTrue(problems.get(1).contains("change 'risks-chanegd', which no feature declares"), problems.get(1));
    }
}
