package io.riskbase.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rendered overlays (and base) of k8s/, loaded strictly into the Kubernetes model. */
final class Overlays {

    static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");

    private Overlays() {}

    /** {@code base} or an overlay name. */
    static List<HasMetadata> render(String name) {
        String dir = "base".equals(name) ? "k8s/base" : "k8s/overlays/" + name;
        return Kustomize.build(Project.path(dir)).stream()
                .map(StrictKubernetesModel::load)
                .toList();
    }

    static <T extends HasMetadata> List<T> all(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T one(List<HasMetadata> resources, Class<T> type) {
        List<T> found =
                resources.stream().filter(type::isInstance).map(type::cast).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }

    static Container riskbaseContainer(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> "riskbase".equals(c.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container named riskbase"));
    }

    static Secret secretTemplate() {
        return StrictKubernetesModel.load(Project.yamlMap(Project.path("k8s/base/secret.template.yaml")), Secret.class);
    }

    /**
     * The environment a pod of the rendered manifests gets: ConfigMap values plus explicit env (secret values as in the
     * template).
     */
    static Map<String, String> podEnvironment(List<HasMetadata> resources) {
        Deployment deployment = one(resources, Deployment.class);
        Container container = riskbaseContainer(deployment);
        Map<String, String> env = new HashMap<>();
        container.getEnvFrom().forEach(source -> {
            String name = source.getConfigMapRef().getName();
            ConfigMap map = resources.stream()
                    .filter(ConfigMap.class::isInstance)
                    .map(ConfigMap.class::cast)
                    .filter(c -> c.getMetadata().getName().equals(name))
                    .findFirst()
                    .orElseThrow(
                            () -> new AssertionError("envFrom names ConfigMap " + name + " that the manifests lack"));
            env.putAll(map.getData());
        });
        Secret secret = secretTemplate();
        container.getEnv().forEach(var -> {
            if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                env.put(
                        var.getName(),
                        secret.getStringData()
                                .get(var.getValueFrom().getSecretKeyRef().getKey()));
            } else {
                env.put(var.getName(), var.getValue());
            }
        });
        return env;
    }
}
