package io.riskbase.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kustomize (kubectl kustomize) merges the way the overlays rely on, rejects broken kustomizations, and a
 * machine without kubectl fails the render instead of skipping it.
 */
class KustomizeTest {

    private static final String KUSTOMIZATION = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources: [deployment.yaml]
            patches: [{path: patch.yaml}]
            """;

    @Test
    void mergesMapsRecursivelyListsByTheirMergeKeyAndReplacesOtherLists(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("deployment.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                        - name: app
                          image: a:1
                          args: [x, y]
                          env: [{name: A, value: "1"}, {name: B, value: "2"}]
                          resources: {requests: {cpu: 500m, memory: 2Gi}, limits: {memory: 2Gi}}
                        - name: sidecar
                          image: s:1
                """);
        Files.writeString(dir.resolve("patch.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          args: [z]
                          env: [{name: B, value: "3"}, {name: C, value: "4"}]
                          resources: {requests: {memory: 3Gi}, limits: {memory: 3Gi}}
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), KUSTOMIZATION);
        Map<String, Object> target = Kustomize.build(dir).get(0);
        List<Object> containers = Yamls.list(target, "spec", "template", "spec", "containers");
        Map<String, Object> app = containers.stream()
                .map(Yamls::map)
                .filter(c -> "app".equals(c.get("name")))
                .findFirst()
                .orElseThrow();
        assertEquals("a:1", app.get("image"));
        assertEquals(List.of("z"), app.get("args"));
        // merged by name; kustomize puts the patch's entries first (an env var may only refer to earlier ones)
        assertEquals(
                List.of(
                        Map.of("name", "B", "value", "3"),
                        Map.of("name", "C", "value", "4"),
                        Map.of("name", "A", "value", "1")),
                app.get("env"));
        assertEquals(
                Map.of("requests", Map.of("cpu", "500m", "memory", "3Gi"), "limits", Map.of("memory", "3Gi")),
                app.get("resources"));
        assertEquals(2, containers.size());
        assertEquals(2, Yamls.map(target, "spec").get("replicas"));
    }

    @Test
    void rejectsAKustomizationItCannotRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resourcez: [deployment.yaml]
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir));
        assertTrue(e.getMessage().contains("resourcez"), e.getMessage());
    }

    @Test
    void aPatchMustMatchExactlyOneResource(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {K: v}\n");
        Files.writeString(
                dir.resolve("patch.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {K: w}\n");
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [cm.yaml]
                patches: [{path: patch.yaml}]
                """);
        assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir));
    }

    @Test
    void withoutKubectlTheRenderFailsAndSaysWhy(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kustomization.yaml"), KUSTOMIZATION);
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> Kustomize.build(dir.resolve("no-kubectl").toString(), dir));
        assertTrue(e.getMessage().contains("install kubectl"), e.getMessage());
    }
}
