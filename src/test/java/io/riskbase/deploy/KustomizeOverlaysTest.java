package io.riskbase.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rendered overlays differ from the base exactly where they should: pool profile, replicas, resources. */
class KustomizeOverlaysTest {

    /**
     * Memory a Riskbase JVM uses beyond its heap, measured on a running node (RunnablePackageIT logs it: resident set
     * minus committed heap, 312 MiB after start with the prod profile on PostgreSQL and Redis), rounded up with margin
     * for load (threads, Netty/Hazelcast buffers).
     */
    static final long NON_HEAP_BUDGET_MIB = 512;

    private static final Map<String, Integer> REPLICAS = Map.of("dev", 1, "staging", 2, "prod", 3);

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void eachOverlaySetsItsNamespacePoolProfileAndReplicas(String environment) {
        List<HasMetadata> resources = Overlays.render(environment);
        resources.forEach(
                r -> assertEquals("riskbase-" + environment, r.getMetadata().getNamespace(), r.getKind()));

        String profile = Overlays.one(resources, ConfigMap.class).getData().get("RISKBASE_PROFILE");
        assertEquals(environment, profile);
        assertTrue(
                Project.exists("liberty/profiles/" + profile + ".xml"),
                "server.xml includes profiles/" + profile + ".xml");

        Deployment deployment = Overlays.one(resources, Deployment.class);
        assertEquals(REPLICAS.get(environment), deployment.getSpec().getReplicas());
        HorizontalPodAutoscaler hpa = Overlays.one(resources, HorizontalPodAutoscaler.class);
        assertEquals(
                deployment.getSpec().getReplicas(), hpa.getSpec().getMinReplicas(), "HPA minimum = overlay replicas");
        assertEquals("riskbase:1.0.0", Overlays.riskbaseContainer(deployment).getImage());
    }

    @Test
    void devStaysOneNodeBecauseItsProfileMayGenerateTheSigningKey() {
        HorizontalPodAutoscaler hpa = Overlays.one(Overlays.render("dev"), HorizontalPodAutoscaler.class);
        assertEquals(1, hpa.getSpec().getMaxReplicas());
    }

    @Test
    void poolSizesAndMemoryGrowFromDevToProd() {
        long previousPool = 0;
        BigDecimal previousMemory = BigDecimal.ZERO;
        for (String environment : Overlays.ENVIRONMENTS) {
            long pool = Long.parseLong(ServerConfig.profile(environment).variableDefault("POOL_MAX_SIZE"));
            BigDecimal memory = limits(Overlays.render(environment))
                    .getLimits()
                    .get("memory")
                    .getNumericalAmount();
            assertTrue(pool > previousPool, environment + " pool " + pool);
            assertTrue(memory.compareTo(previousMemory) > 0, environment + " memory limit " + memory);
            previousPool = pool;
            previousMemory = memory;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void memoryIsSizedForTheHeapPlusMeasuredNonHeap(String environment) {
        ResourceRequirements resources = limits(Overlays.render(environment));
        Quantity limit = resources.getLimits().get("memory");
        assertEquals(
                limit.getNumericalAmount(),
                resources.getRequests().get("memory").getNumericalAmount(),
                "a JVM's memory request equals its limit: the heap does not shrink when the node is short");
        assertTrue(resources.getRequests().containsKey("cpu"), "CPU request for scheduling and the HPA's utilization");

        double heapShare = new Dockerfile().jvmPercentage("MaxRAMPercentage") / 100;
        long limitMib = mib(limit);
        assertTrue(
                limitMib * (1 - heapShare) >= NON_HEAP_BUDGET_MIB,
                environment + ": " + limitMib + " MiB leaves " + limitMib * (1 - heapShare) + " MiB beside the heap");
    }

    @Test
    void theBaseLimitGivesTheHeapOfJvmOptions() {
        long xmxMib = xmxMib(Project.read("liberty/jvm.options"));
        double heapShare = new Dockerfile().jvmPercentage("MaxRAMPercentage") / 100;
        long limitMib = mib(limits(Overlays.render("base")).getLimits().get("memory"));
        assertEquals(
                xmxMib, Math.round(limitMib * heapShare), "base heap in the container = -Xmx of liberty/jvm.options");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void apartFromThoseSettingsAnOverlayRendersTheBase(String environment) {
        List<Map<String, Object>> base = Kustomize.build(Project.path("k8s/base"));
        List<Map<String, Object>> overlay = Kustomize.build(Project.path("k8s/overlays/" + environment));
        assertEquals(withoutOverlaySettings(base), withoutOverlaySettings(overlay));
    }

    /** Removes what overlays are meant to change, so anything else that differs fails the comparison. */
    private static List<Map<String, Object>> withoutOverlaySettings(List<Map<String, Object>> resources) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Map<String, Object> original : resources) {
            Map<String, Object> r = Yamls.copyMap(original);
            Yamls.map(r, "metadata").remove("namespace");
            switch (String.valueOf(r.get("kind"))) {
                case "ConfigMap" -> {
                    Yamls.map(r, "data").remove("RISKBASE_PROFILE");
                    Yamls.map(r, "data").remove("LOG_FORMAT");
                }
                case "Deployment" -> {
                    Yamls.map(r, "spec").remove("replicas");
                    Yamls.list(r, "spec", "template", "spec", "containers")
                            .forEach(c -> Yamls.map(c).remove("resources"));
                }
                case "Ingress" -> {
                    Yamls.list(r, "spec", "tls").forEach(t -> Yamls.map(t).remove("hosts"));
                    Yamls.list(r, "spec", "rules")
                            .forEach(rule -> Yamls.map(rule).remove("host"));
                }
                case "HorizontalPodAutoscaler" -> {
                    Yamls.map(r, "spec").remove("minReplicas");
                    Yamls.map(r, "spec").remove("maxReplicas");
                }
                default -> {}
            }
            result.add(r);
        }
        return result;
    }

    private static ResourceRequirements limits(List<HasMetadata> resources) {
        return Overlays.riskbaseContainer(Overlays.one(resources, Deployment.class))
                .getResources();
    }

    static long mib(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).longValue() >> 20;
    }

    static long xmxMib(String jvmOptions) {
        Matcher m = Pattern.compile("(?m)^-Xmx(\\d+)([gGmM])$").matcher(jvmOptions);
        if (!m.find()) {
            throw new AssertionError("liberty/jvm.options sets no -Xmx");
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2).equalsIgnoreCase("g") ? n * 1024 : n;
    }
}
