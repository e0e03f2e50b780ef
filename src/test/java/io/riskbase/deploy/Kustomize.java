package io.riskbase.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The part of {@code kustomize build} Riskbase's manifests use, re-implemented for the tests (no
 * Java kustomize exists on Maven Central): resources (files and directories), strategic-merge
 * patches matched by kind and name, {@code namespace}, {@code replicas} and {@code images}.
 * A kustomization using anything else is rejected rather than rendered differently from kustomize.
 * Merge keys follow the Kubernetes API's patchMergeKey for the lists the manifests patch.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "patches", "replicas", "images");
    /** patchMergeKey of the lists that are merged element-wise; every other list is replaced. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath",
            "imagePullSecrets", "name",
            "topologySpreadConstraints", "topologyKey");

    private Kustomize() {
    }

    static List<Map<String, Object>> build(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        Map<String, Object> kustomization = Project.yamlMap(file);
        for (String key : kustomization.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new IllegalArgumentException(file + ": '" + key + "' is not supported by the test renderer");
            }
        }
        if (!"Kustomization".equals(kustomization.get("kind"))) {
            throw new IllegalArgumentException(file + ": kind must be Kustomization");
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : listOrEmpty(kustomization.get("resources"))) {
            Path resource = directory.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(resource)) {
                resources.addAll(build(resource));
            } else {
                for (Object document : Project.yamlDocuments(resource)) {
                    resources.add(Yamls.copyMap(asMap(document, resource)));
                }
            }
        }
        for (Object entry : listOrEmpty(kustomization.get("patches"))) {
            Map<String, Object> patchEntry = asMap(entry, file);
            if (!Set.of("path").containsAll(patchEntry.keySet())) {
                throw new IllegalArgumentException(file + ": only 'path' patches are supported, found " + patchEntry.keySet());
            }
            Path patchFile = directory.resolve(String.valueOf(patchEntry.get("path")));
            for (Object document : Project.yamlDocuments(patchFile)) {
                applyPatch(resources, asMap(document, patchFile), patchFile);
            }
        }
        for (Object entry : listOrEmpty(kustomization.get("replicas"))) {
            Map<String, Object> replicas = asMap(entry, file);
            Map<String, Object> target = find(resources, "Deployment", String.valueOf(replicas.get("name")), file);
            Yamls.map(target, "spec").put("replicas", replicas.get("count"));
        }
        for (Object entry : listOrEmpty(kustomization.get("images"))) {
            setImage(resources, asMap(entry, file));
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            resources.forEach(r -> Yamls.map(r, "metadata").put("namespace", namespace));
        }
        return resources;
    }

    private static void applyPatch(List<Map<String, Object>> resources, Map<String, Object> patch, Path source) {
        String kind = String.valueOf(patch.get("kind"));
        String name = Yamls.string(patch, "metadata", "name");
        Map<String, Object> target = find(resources, kind, name, source);
        if (!Objects.equals(target.get("apiVersion"), patch.get("apiVersion"))) {
            throw new IllegalArgumentException(source + ": apiVersion " + patch.get("apiVersion") + " does not match " + target.get("apiVersion"));
        }
        merge(target, patch, kind + "/" + name);
    }

    /** Strategic merge of {@code patch} into {@code target}: maps recursively, keyed lists by key, other values replaced. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> patch, String path) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.startsWith("$")) {
                throw new IllegalArgumentException(path + ": directive " + key + " is not supported by the test renderer");
            }
            Object existing = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (existing instanceof Map && value instanceof Map) {
                merge((Map<String, Object>) existing, (Map<String, Object>) value, path + "." + key);
            } else if (existing instanceof List && value instanceof List && mergeKey(key, (List<Object>) value) != null) {
                mergeList((List<Object>) existing, (List<Object>) value, mergeKey(key, (List<Object>) value), path + "." + key);
            } else {
                target.put(key, Yamls.copy(value));
            }
        }
    }

    private static String mergeKey(String field, List<Object> patchItems) {
        if ("ports".equals(field)) {
            // container ports merge on containerPort, service ports on port
            return patchItems.stream().allMatch(i -> i instanceof Map<?, ?> m && m.containsKey("containerPort")) ? "containerPort" : "port";
        }
        return MERGE_KEYS.get(field);
    }

    @SuppressWarnings("unchecked")
    private static void mergeList(List<Object> target, List<Object> patch, String mergeKey, String path) {
        for (Object item : patch) {
            Map<String, Object> patchItem = asMap(item, Path.of(path));
            Object keyValue = patchItem.get(mergeKey);
            if (keyValue == null) {
                throw new IllegalArgumentException(path + ": list item without its merge key '" + mergeKey + "'");
            }
            Map<String, Object> match = null;
            for (Object candidate : target) {
                if (candidate instanceof Map<?, ?> m && Objects.equals(m.get(mergeKey), keyValue)) {
                    match = (Map<String, Object>) candidate;
                }
            }
            if (match == null) {
                target.add(Yamls.copy(patchItem));
            } else {
                merge(match, patchItem, path + "[" + keyValue + "]");
            }
        }
    }

    private static void setImage(List<Map<String, Object>> resources, Map<String, Object> image) {
        String name = String.valueOf(image.get("name"));
        for (Map<String, Object> resource : resources) {
            Object containers = Yamls.get(resource, "spec", "template", "spec", "containers");
            if (!(containers instanceof List<?> list)) {
                continue;
            }
            for (Object c : list) {
                Map<String, Object> container = asMap(c, Path.of("containers"));
                String current = String.valueOf(container.get("image"));
                String currentName = current.contains(":") ? current.substring(0, current.lastIndexOf(':')) : current;
                if (currentName.equals(name)) {
                    String newName = String.valueOf(image.getOrDefault("newName", currentName));
                    Object tag = image.getOrDefault("newTag", current.contains(":") ? current.substring(current.lastIndexOf(':') + 1) : null);
                    container.put("image", tag == null ? newName : newName + ":" + tag);
                }
            }
        }
    }

    static Map<String, Object> find(List<Map<String, Object>> resources, String kind, String name, Path source) {
        List<Map<String, Object>> matches = resources.stream()
                .filter(r -> kind.equals(r.get("kind")) && name.equals(Yamls.get(r, "metadata", "name")))
                .toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException(source + ": expected one " + kind + " named " + name + ", found " + matches.size());
        }
        return matches.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node, Path source) {
        if (!(node instanceof Map)) {
            throw new IllegalArgumentException(source + ": expected a mapping, found " + node);
        }
        return (Map<String, Object>) node;
    }

    private static List<?> listOrEmpty(Object node) {
        return node == null ? List.of() : (List<?>) node;
    }
}
