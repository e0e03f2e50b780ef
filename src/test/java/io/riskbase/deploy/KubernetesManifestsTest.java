package io.riskbase.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** k8s/: every file parses, every manifest is valid Kubernetes API, and the pieces fit the server and each other. */
class KubernetesManifestsTest {

    @Test
    void everyYamlFileUnderK8sParses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Project.path("k8s"))) {
            files = walk.filter(
                            p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .toList();
        }
        assertTrue(files.size() >= 10, "k8s/ files: " + files);
        for (Path file : files) {
            assertFalse(Project.yamlDocuments(file).isEmpty(), file + " is empty");
        }
    }

    @Test
    void strictLoadingRejectsMisspelledFieldsWrongTypesAndUnknownKinds() {
        Map<String, Object> deployment = baseManifest("Deployment");
        StrictKubernetesModel.load(deployment);

        Map<String, Object> misspelledTopLevel = Yamls.copyMap(deployment);
        Yamls.map(misspelledTopLevel, "spec").put("replica", 2);
        assertThrows(IllegalArgumentException.class, () -> StrictKubernetesModel.load(misspelledTopLevel));

        Map<String, Object> misspelledDeep = Yamls.copyMap(deployment);
        Yamls.map(
                        Yamls.list(misspelledDeep, "spec", "template", "spec", "containers")
                                .get(0),
                        "readinessProbe",
                        "httpGet")
                .put("paht", "/health/ready");
        IllegalArgumentException deep =
                assertThrows(IllegalArgumentException.class, () -> StrictKubernetesModel.load(misspelledDeep));
        assertTrue(deep.getMessage().contains("paht"), deep.getMessage());

        Map<String, Object> wrongType = Yamls.copyMap(deployment);
        Yamls.map(wrongType, "spec").put("replicas", "two");
        assertThrows(IllegalArgumentException.class, () -> StrictKubernetesModel.load(wrongType));

        Map<String, Object> unknownKind = Yamls.copyMap(deployment);
        unknownKind.put("apiVersion", "apps/v1beta1");
        assertThrows(IllegalArgumentException.class, () -> StrictKubernetesModel.load(unknownKind));
    }

    @Test
    void baseManifestsAndTheSecretTemplateAreValidKubernetesObjects() {
        List<HasMetadata> base = Overlays.render("base");
        // in the order kustomize emits them (its legacy kind order: a Service before the Deployment it fronts)
        assertEquals(
                List.of(
                        "ConfigMap",
                        "Service",
                        "Deployment",
                        "PodDisruptionBudget",
                        "HorizontalPodAutoscaler",
                        "ServiceMonitor",
                        "Ingress",
                        "Ingress",
                        "Ingress",
                        "NetworkPolicy",
                        "NetworkPolicy"),
                base.stream().map(HasMetadata::getKind).toList());
        Secret secret = Overlays.secretTemplate();
        assertEquals("Opaque", secret.getType());
        assertFalse(
                base.stream().anyMatch(Secret.class::isInstance),
                "the Secret template must not be a kustomize resource: applying it would overwrite real credentials");
    }

    @Test
    void serviceMonitorHasTheFieldsThePrometheusOperatorRequires() {
        Map<String, Object> raw = baseManifest("ServiceMonitor");
        assertEquals("monitoring.coreos.com/v1", raw.get("apiVersion"));
        assertNotNull(Yamls.get(raw, "metadata", "name"));
        assertFalse(Yamls.map(raw, "spec", "selector").isEmpty(), "spec.selector");
        List<Object> endpoints = Yamls.list(raw, "spec", "endpoints");
        assertFalse(endpoints.isEmpty(), "spec.endpoints");
        for (Object endpoint : endpoints) {
            assertTrue(
                    Yamls.get(endpoint, "port") != null || Yamls.get(endpoint, "targetPort") != null,
                    "endpoint needs port or targetPort");
            assertEquals("/metrics", Yamls.string(endpoint, "path"));
        }
        // /metrics needs no credentials, so the endpoint carries none
        assertEquals("false", ServerConfig.server().element("mpMetrics").getAttribute("authentication"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void selectorsAndReferencesConnectTheObjects(String environment) {
        List<HasMetadata> resources = Overlays.render(environment);
        Deployment deployment = Overlays.one(resources, Deployment.class);
        Map<String, String> podLabels =
                deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertSubset(deployment.getSpec().getSelector().getMatchLabels(), podLabels, "Deployment selector");

        Service service = Overlays.one(resources, Service.class);
        assertSubset(service.getSpec().getSelector(), podLabels, "Service selector");
        Container container = Overlays.riskbaseContainer(deployment);
        for (ServicePort port : service.getSpec().getPorts()) {
            containerPort(container, port.getTargetPort());
        }

        PodDisruptionBudget pdb = Overlays.one(resources, PodDisruptionBudget.class);
        assertSubset(pdb.getSpec().getSelector().getMatchLabels(), podLabels, "PodDisruptionBudget selector");

        HorizontalPodAutoscaler hpa = Overlays.one(resources, HorizontalPodAutoscaler.class);
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals(
                deployment.getMetadata().getName(),
                hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(hpa.getSpec().getMinReplicas() <= hpa.getSpec().getMaxReplicas());

        ServiceMonitor monitor = Overlays.one(resources, ServiceMonitor.class);
        assertSubset(
                monitor.getSpec().getSelector().getMatchLabels(),
                service.getMetadata().getLabels(),
                "ServiceMonitor selector");
        for (Endpoint endpoint : monitor.getSpec().getEndpoints()) {
            assertTrue(
                    service.getSpec().getPorts().stream()
                            .anyMatch(p -> p.getName().equals(endpoint.getPort())),
                    "ServiceMonitor port " + endpoint.getPort() + " is not a Service port name");
        }

        for (Ingress ingress : Overlays.all(resources, Ingress.class)) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    IngressServiceBackend backend = path.getBackend().getService();
                    assertEquals(service.getMetadata().getName(), backend.getName(), path.getPath());
                    assertTrue(
                            service.getSpec().getPorts().stream()
                                    .anyMatch(p ->
                                            p.getName().equals(backend.getPort().getName())),
                            "Ingress port " + backend.getPort().getName() + " is not a Service port name");
                }
            }
        }

        Secret secret = Overlays.secretTemplate();
        container.getEnv().stream().filter(e -> e.getValueFrom() != null).forEach(e -> {
            var ref = e.getValueFrom().getSecretKeyRef();
            assertNotNull(ref, e.getName() + " must come from the Secret");
            assertEquals(secret.getMetadata().getName(), ref.getName(), e.getName());
            assertTrue(secret.getStringData().containsKey(ref.getKey()), "Secret template lacks " + ref.getKey());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void probesUseTheServersHealthEndpointsOnItsHttpPort(String environment) {
        List<HasMetadata> resources = Overlays.render(environment);
        Container container = Overlays.riskbaseContainer(Overlays.one(resources, Deployment.class));
        ServerConfig server = ServerConfig.server();
        int httpPort = server.httpPort(Overlays.podEnvironment(resources));

        assertProbe(container, container.getStartupProbe(), "/health/started", httpPort);
        assertProbe(container, container.getReadinessProbe(), "/health/ready", httpPort);
        assertProbe(container, container.getLivenessProbe(), "/health/live", httpPort);

        // the startup probe gives the application as long as Liberty does before giving up on it
        long startTimeout =
                ServerConfig.seconds(server.element("applicationManager").getAttribute("startTimeout"));
        Probe startup = container.getStartupProbe();
        assertTrue(
                (long) startup.getPeriodSeconds() * startup.getFailureThreshold() >= startTimeout,
                "startup probe budget below startTimeout " + startTimeout + "s");
    }

    @Test
    void theHealthEndpointsTheProbesUseExistInTheApplication() throws IOException {
        assertTrue(
                ServerConfig.server().features().stream().anyMatch(f -> f.startsWith("mpHealth-")), "mpHealth feature");
        List<String> kinds = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Project.path("src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Project.read(source);
                for (String kind : new String[] {"Startup", "Readiness", "Liveness"}) {
                    if (text.contains("import org.eclipse.microprofile.health." + kind + ";")
                            && text.contains("@" + kind)) {
                        kinds.add(kind);
                    }
                }
            }
        }
        // mpHealth serves /health/started, /health/ready and /health/live from these checks
        assertTrue(kinds.containsAll(List.of("Startup", "Readiness", "Liveness")), "health checks found: " + kinds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void theIngressTerminatesTlsForEveryHostItRoutesToTheService(String environment) {
        List<HasMetadata> resources = Overlays.render(environment);
        List<Ingress> ingresses = Overlays.all(resources, Ingress.class);
        assertEquals(3, ingresses.size(), "the API's Ingress, the import's and the bulk edit's");
        Service service = Overlays.one(resources, Service.class);
        List<String> hosts = ingresses.get(0).getSpec().getRules().stream()
                .map(IngressRule::getHost)
                .toList();
        for (Ingress ingress : ingresses) {
            String name = ingress.getMetadata().getName();
            assertFalse(hosts.isEmpty());
            assertEquals(
                    hosts,
                    ingress.getSpec().getRules().stream()
                            .map(IngressRule::getHost)
                            .toList(),
                    name + ": one host for both");
            assertEquals(1, ingress.getSpec().getTls().size());
            assertEquals(hosts, ingress.getSpec().getTls().get(0).getHosts(), "a certificate for every routed host");
            assertNotNull(ingress.getSpec().getTls().get(0).getSecretName());
            ingress.getSpec()
                    .getRules()
                    .forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                        var backend = path.getBackend().getService();
                        assertEquals(service.getMetadata().getName(), backend.getName());
                        assertTrue(
                                service.getSpec().getPorts().stream()
                                        .anyMatch(p -> p.getName()
                                                .equals(backend.getPort().getName())),
                                "Ingress backend port " + backend.getPort().getName());
                    }));
        }
        if (!environment.equals("base")) {
            assertTrue(
                    Overlays.render("base").stream()
                            .filter(Ingress.class::isInstance)
                            .map(Ingress.class::cast)
                            .noneMatch(base ->
                                    base.getSpec().getRules().get(0).getHost().equals(hosts.get(0))),
                    environment + " sets its own host");
        }
        // behind the ingress the nodes trust its X-Forwarded-For, and no one else's by default
        assertNotNull(Overlays.podEnvironment(resources).get("RISKBASE_TRUSTED_PROXIES"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void onlyTheApplicationReachesPostgresAndRedis(String environment) {
        List<HasMetadata> resources = Overlays.render(environment);
        Map<String, String> env = Overlays.podEnvironment(resources);
        Map<String, String> podLabels = Overlays.one(resources, Deployment.class)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels();
        URI postgres = URI.create(env.get("DB_URL").substring("jdbc:".length()));
        URI redis = URI.create(env.get("REDIS_URL"));
        for (URI server : List.of(postgres, redis)) {
            NetworkPolicy policy = resources.stream()
                    .filter(NetworkPolicy.class::isInstance)
                    .map(NetworkPolicy.class::cast)
                    .filter(p -> server.getHost()
                            .equals(p.getSpec()
                                    .getPodSelector()
                                    .getMatchLabels()
                                    .get("app.kubernetes.io/name")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no NetworkPolicy for the pods of " + server.getHost()));
            assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
            assertEquals(1, policy.getSpec().getIngress().size(), "one rule: who may connect, on which port");
            var rule = policy.getSpec().getIngress().get(0);
            assertEquals(server.getPort(), rule.getPorts().get(0).getPort().getIntVal(), server.getHost());
            assertTrue(
                    rule.getFrom().stream()
                            .anyMatch(peer -> podLabels
                                    .entrySet()
                                    .containsAll(peer.getPodSelector()
                                            .getMatchLabels()
                                            .entrySet())),
                    "the Riskbase pods may connect to " + server.getHost());
            for (NetworkPolicyPeer peer : rule.getFrom()) {
                // pods only, by label, in this namespace: no address blocks, no other namespaces
                assertNotNull(peer.getPodSelector(), server.getHost());
                assertEquals(null, peer.getIpBlock(), server.getHost());
                assertEquals(null, peer.getNamespaceSelector(), server.getHost());
                assertFalse(peer.getPodSelector().getMatchLabels().isEmpty(), "an empty selector admits every pod");
            }
        }
        // Redis' password is a secret, never in the ConfigMap's URL
        assertNotNull(env.get("REDIS_PASSWORD"));
        assertEquals(null, redis.getUserInfo(), "REDIS_URL carries no password");
        // ...and it travels over TLS, checked against a CA mounted from a Secret
        assertEquals("rediss", redis.getScheme());
        Deployment deployment = Overlays.one(resources, Deployment.class);
        String caFile = env.get("REDIS_TLS_CA_FILE");
        var mount = Overlays.riskbaseContainer(deployment).getVolumeMounts().stream()
                .filter(m -> caFile.startsWith(m.getMountPath() + "/"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("REDIS_TLS_CA_FILE " + caFile + " is on no mounted volume"));
        var volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName()))
                .findFirst()
                .orElseThrow();
        assertNotNull(volume.getSecret(), "the CA comes from a Secret");
        assertTrue(volume.getSecret().getItems().stream()
                .anyMatch(item -> caFile.equals(mount.getMountPath() + "/" + item.getPath())));
    }

    private static void assertProbe(Container container, Probe probe, String path, int httpPort) {
        assertNotNull(probe, path + " probe");
        assertNotNull(probe.getHttpGet(), path + " probe must be an HTTP GET");
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(
                httpPort, containerPort(container, probe.getHttpGet().getPort()).getContainerPort(), path + " port");
    }

    private static ContainerPort containerPort(Container container, IntOrString port) {
        return container.getPorts().stream()
                .filter(p -> port.getStrVal() != null
                        ? port.getStrVal().equals(p.getName())
                        : port.getIntVal().equals(p.getContainerPort()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port " + port));
    }

    private static void assertSubset(Map<String, String> selector, Map<String, String> labels, String what) {
        assertFalse(selector == null || selector.isEmpty(), what + " is empty");
        selector.forEach(
                (k, v) -> assertEquals(v, labels.get(k), what + " " + k + " does not match the labels " + labels));
    }

    static Map<String, Object> baseManifest(String kind) {
        return Kustomize.build(Project.path("k8s/base")).stream()
                .filter(r -> kind.equals(r.get("kind")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in k8s/base"));
    }

    /** Operator endpoints, in spellings that would reach them on the node; the Ingress must route none. */
    private static final List<String> OPERATOR_PATHS = List.of(
            "/metrics",
            "/metrics/base",
            "/openapi",
            "/openapi/ui/",
            "/api/v1/admin",
            "/api/v1/admin/cache",
            "/api/v1/admin/performance",
            "/api/v1",
            "/");

    /**
     * The larger body limits of the nginx gateway, each on its route alone: the import's (streamed to the node) and the
     * risks collection's (create and the bulk edit PATCH).
     */
    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void onlyTheImportAndBulkEditRoutesTakeALargeBody(String environment) throws IOException {
        String gateway = Files.readString(Project.path("deploy/nginx/nginx.conf"));
        String importLimit = gatewayLimit(gateway, "/api/v1/risks/import");
        String bulkLimit = gatewayLimit(gateway, "/api/v1/risks");
        List<String> seen = new ArrayList<>();
        for (Ingress ingress : Overlays.all(Overlays.render(environment), Ingress.class)) {
            List<HTTPIngressPath> paths = ingress.getSpec().getRules().stream()
                    .flatMap(rule -> rule.getHttp().getPaths().stream())
                    .toList();
            Map<String, String> annotations = ingress.getMetadata().getAnnotations();
            String size = annotations.get("nginx.ingress.kubernetes.io/proxy-body-size");
            String name = ingress.getMetadata().getName();
            seen.add(name);
            if (name.equals("riskbase-import") || name.equals("riskbase-bulk")) {
                boolean isImport = name.equals("riskbase-import");
                assertEquals(1, paths.size(), name + ": its route alone");
                assertEquals(
                        isImport ? "/api/v1/risks/import" : "/api/v1/risks",
                        paths.get(0).getPath());
                assertEquals("Exact", paths.get(0).getPathType());
                assertEquals(isImport ? importLimit : bulkLimit, size, name + ": the gateway's limit");
                if (isImport) {
                    assertEquals("off", annotations.get("nginx.ingress.kubernetes.io/proxy-request-buffering"));
                }
                assertEquals("true", annotations.get("nginx.ingress.kubernetes.io/force-ssl-redirect"));
            } else {
                assertEquals(null, size, name + " keeps the controller's default");
            }
        }
        assertTrue(seen.containsAll(List.of("riskbase", "riskbase-import", "riskbase-bulk")), seen.toString());
    }

    private static String gatewayLimit(String gateway, String location) {
        java.util.regex.Matcher limit = java.util.regex.Pattern.compile("location = "
                        + java.util.regex.Pattern.quote(location) + " \\{\\s*client_max_body_size (\\S+);")
                .matcher(gateway);
        assertTrue(limit.find(), "the gateway's location " + location);
        return limit.group(1);
    }

    @Test
    void ingressRoutesEveryPublicResourceAndNoOperatorEndpoint() throws IOException {
        Ingress ingress = (Ingress) StrictKubernetesModel.load(baseManifest("Ingress"));
        List<HTTPIngressPath> paths = ingress.getSpec().getRules().stream()
                .flatMap(rule -> rule.getHttp().getPaths().stream())
                .toList();
        for (String path : OPERATOR_PATHS) {
            assertTrue(paths.stream().noneMatch(p -> routes(p, path)), "the Ingress routes " + path);
        }
        assertTrue(paths.stream().anyMatch(p -> routes(p, "/health/ready")), "health through the Ingress");
        // every top-level path of every JAX-RS resource: routed, unless it is the admin API
        List<String> segments = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Project.path("src/main/java"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                segments.addAll(topLevelSegments(Files.readString(file)));
            }
        }
        assertTrue(segments.containsAll(List.of("risks", "signup", "auth", "admin")), "resources found: " + segments);
        for (String segment : segments) {
            String sample = "/api/v1/" + segment;
            boolean routed = paths.stream().anyMatch(p -> routes(p, sample));
            assertEquals(!segment.equals("admin"), routed, sample + (routed ? " is routed" : " is not routed"));
        }
    }

    private static final java.util.regex.Pattern PATH =
            java.util.regex.Pattern.compile("@Path\\(\"/?([^\"/]*)[^\"]*\"\\)");

    /** First path segments a resource class serves: its own, or, for {@code @Path("/")}, its methods'. */
    private static List<String> topLevelSegments(String source) {
        int classAt = source.indexOf("\npublic class ");
        java.util.regex.Matcher m = PATH.matcher(source);
        if (classAt < 0 || !m.find() || m.start() > classAt) {
            return List.of();
        }
        if (!m.group(1).isEmpty()) {
            return List.of(m.group(1));
        }
        List<String> methods = new ArrayList<>();
        while (m.find()) {
            if (!methods.contains(m.group(1))) {
                methods.add(m.group(1));
            }
        }
        return methods;
    }

    /** Kubernetes path matching: Exact is the whole path, Prefix matches whole path elements. */
    private static boolean routes(HTTPIngressPath rule, String path) {
        String prefix = rule.getPath();
        if (rule.getPathType().equals("Exact")) {
            return path.equals(prefix);
        }
        assertEquals("Prefix", rule.getPathType(), prefix);
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return path.equals(trimmed) || path.startsWith(trimmed + "/");
    }
}
