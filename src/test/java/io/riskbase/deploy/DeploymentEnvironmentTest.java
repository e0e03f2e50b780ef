package io.riskbase.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable a deployment file hands to a Riskbase node is one the application (or its server.xml)
 * reads, and one the README's configuration table documents: a misspelled or stale name would otherwise be ignored
 * silently.
 */
class DeploymentEnvironmentTest {

    @Test
    void everyVariableTheDeploymentFilesSetIsReadAndDocumented() {
        Map<String, Set<String>> setBy = variablesSetByDeploymentFiles();
        Set<String> read = ApplicationSettings.readByApplication();
        Set<String> documented = ApplicationSettings.documentedInReadme();
        List<String> problems = new ArrayList<>();
        setBy.forEach((name, files) -> {
            if (!read.contains(name)) {
                problems.add(name + " (set in " + files + ") is read nowhere in src/main or liberty/");
            }
            if (!documented.contains(name)) {
                problems.add(name + " (set in " + files + ") is missing from README.md's configuration table");
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(
                setBy.keySet()
                        .containsAll(List.of(
                                "RISKBASE_PROFILE",
                                "DB_URL",
                                "DB_USER",
                                "DB_PASSWORD",
                                "REDIS_URL",
                                "RISKBASE_JWT_PRIVATE_KEY",
                                "RISKBASE_JWT_PUBLIC_KEY",
                                "LOG_FORMAT")),
                "variables found: " + setBy.keySet());
    }

    @Test
    void theSettingsScannerFindsWhatTheApplicationReads() {
        Set<String> read = ApplicationSettings.readByApplication();
        // server.xml variables, @ConfigProperty names and properties keys in their environment form
        assertTrue(
                read.containsAll(List.of(
                        "HTTP_PORT",
                        "DB_URL",
                        "POOL_MAX_SIZE",
                        "REDIS_URL",
                        "RISKBASE_JWT_PRIVATE_KEY",
                        "RISKBASE_JWT_TTL_SECONDS",
                        "RISKBASE_PASSWORD_ITERATIONS")),
                read.toString());
        assertTrue(!read.contains("RISKBASE_PROFILES") && !read.contains("DB_PASS"), read.toString());
    }

    @Test
    void nodesGetTheSameSettingsOnComposeAndKubernetes() {
        // the same secret names in both (and in generate-secrets.sh, see GenerateSecretsTest)
        Compose compose = new Compose();
        Set<String> composeSecrets =
                new TreeSet<>(compose.envFileEntries("riskbase-1").keySet());
        Set<String> kubernetesSecrets =
                new TreeSet<>(Overlays.secretTemplate().getStringData().keySet());
        assertEquals(kubernetesSecrets, composeSecrets);
    }

    /** Variable name → files that set it, for Riskbase nodes only. */
    static Map<String, Set<String>> variablesSetByDeploymentFiles() {
        Map<String, Set<String>> setBy = new TreeMap<>();
        for (String environment : List.of("base", "dev", "staging", "prod")) {
            List<HasMetadata> resources = Overlays.render(environment);
            Overlays.podEnvironment(resources).keySet().forEach(n -> note(setBy, n, "k8s/" + environment));
        }
        Overlays.secretTemplate()
                .getStringData()
                .keySet()
                .forEach(n -> note(setBy, n, "k8s/base/secret.template.yaml"));
        Compose compose = new Compose();
        for (String node : compose.riskbaseNodes()) {
            compose.environment(node).keySet().forEach(n -> note(setBy, n, "docker-compose.yml " + node));
            compose.envFileEntries(node).keySet().forEach(n -> note(setBy, n, "env file of " + node));
        }
        new Dockerfile().finalEnvironment().keySet().forEach(n -> note(setBy, n, "Dockerfile"));
        return setBy;
    }

    private static void note(Map<String, Set<String>> setBy, String name, String file) {
        setBy.computeIfAbsent(name, k -> new TreeSet<>()).add(file);
    }
}
