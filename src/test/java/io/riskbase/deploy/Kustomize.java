package io.riskbase.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with the real kustomize, as {@code kubectl kustomize DIR} (kubectl v1.32 carries kustomize
 * v5.5), and returns its documents. The binary is {@code kubectl} on the PATH or the one named by the {@code kubectl}
 * system property; without it every render fails with a message saying so, so no test of the manifests can pass without
 * kustomize having rendered them.
 */
final class Kustomize {

    static final String KUBECTL = System.getProperty("kubectl", "kubectl");
    private static final long TIMEOUT_SECONDS = 60;

    private Kustomize() {}

    static List<Map<String, Object>> build(Path directory) {
        return build(KUBECTL, directory);
    }

    static List<Map<String, Object>> build(String kubectl, Path directory) {
        String rendered = run(kubectl, directory);
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object document : Project.yamlDocuments(rendered)) {
            if (!(document instanceof Map<?, ?>)) {
                throw new AssertionError(
                        "kubectl kustomize " + directory + " rendered a non-mapping document: " + document);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> resource = (Map<String, Object>) document;
            resources.add(resource);
        }
        if (resources.isEmpty()) {
            throw new AssertionError("kubectl kustomize " + directory + " rendered no resources");
        }
        return resources;
    }

    private static String run(String kubectl, Path directory) {
        Process process;
        Path errors;
        try {
            errors = Files.createTempFile("kustomize-", ".err");
            process = new ProcessBuilder(kubectl, "kustomize", directory.toString())
                    .redirectError(errors.toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError(
                    "cannot run '" + kubectl + " kustomize': " + e.getMessage()
                            + ". The Kubernetes manifests are rendered with the real kustomize: install "
                            + "kubectl (v1.27+, kustomize v5)"
                            + " or name it with -Dkubectl=/path/to/kubectl",
                    e);
        }
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(
                        kubectl + " kustomize " + directory + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalArgumentException(kubectl + " kustomize " + directory + " failed (exit "
                        + process.exitValue() + "): " + Files.readString(errors).strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            try {
                Files.deleteIfExists(errors);
            } catch (IOException ignored) {
                // a temporary file left behind
            }
        }
    }
}
