package io.riskbase.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The test renderer merges like kustomize's strategic merge for the shapes the manifests use, and refuses the rest. */
class KustomizeTest {

    @Test
    @SuppressWarnings("unchecked")
    void mergesMapsRecursivelyListsByTheirMergeKeyAndReplacesOtherLists() {
        Map<String, Object> target = (Map<String, Object>) new Yaml().load("""
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
        Map<String, Object> patch = (Map<String, Object>) new Yaml().load("""
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          args: [z]
                          env: [{name: B, value: "3"}, {name: C, value: "4"}]
                          resources: {requests: {memory: 3Gi}, limits: {memory: 3Gi}}
                """);
        Kustomize.merge(target, patch, "test");
        Map<String, Object> app = Yamls.map(Yamls.list(target, "spec", "template", "spec", "containers").get(0));
        assertEquals("a:1", app.get("image"));
        assertEquals(List.of("z"), app.get("args"));
        assertEquals(List.of(Map.of("name", "A", "value", "1"), Map.of("name", "B", "value", "3"), Map.of("name", "C", "value", "4")), app.get("env"));
        assertEquals(Map.of("requests", Map.of("cpu", "500m", "memory", "3Gi"), "limits", Map.of("memory", "3Gi")), app.get("resources"));
        assertEquals(2, Yamls.list(target, "spec", "template", "spec", "containers").size());
        assertEquals(2, Yamls.map(target, "spec").get("replicas"));
    }

    @Test
    void rejectsWhatItDoesNotImplement(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                configMapGenerator:
                  - name: x
                """);
        assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir));
        Map<String, Object> target = new java.util.LinkedHashMap<>(Map.of("a", new java.util.ArrayList<>(List.of(Map.of("name", "x")))));
        assertThrows(IllegalArgumentException.class, () -> Kustomize.merge(target, Map.of("$patch", "replace"), "test"));
    }

    @Test
    void aPatchMustMatchExactlyOneResource(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {K: v}\n");
        Files.writeString(dir.resolve("patch.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {K: w}\n");
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [cm.yaml]
                patches: [{path: patch.yaml}]
                """);
        assertThrows(IllegalArgumentException.class, () -> Kustomize.build(dir));
    }
}
