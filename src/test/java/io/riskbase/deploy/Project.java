package io.riskbase.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Files of the repository the tests read, and strict YAML loading. */
final class Project {

    static final Path ROOT = Path.of(System.getProperty("project.dir", "")).toAbsolutePath();

    private Project() {}

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String relative) {
        return read(path(relative));
    }

    /** Every document of a YAML file; duplicate keys are errors (kubectl and compose reject them too). */
    static List<Object> yamlDocuments(Path file) {
        return yamlDocuments(read(file));
    }

    /** Every document of YAML text (e.g. a tool's output); duplicate keys are errors. */
    static List<Object> yamlDocuments(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Object> documents = new ArrayList<>();
        for (Object document : new Yaml(options).loadAll(text)) {
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yamlMap(Path file) {
        List<Object> documents = yamlDocuments(file);
        if (documents.size() != 1 || !(documents.get(0) instanceof Map)) {
            throw new IllegalArgumentException(
                    file + ": expected one YAML mapping, found " + documents.size() + " documents");
        }
        return (Map<String, Object>) documents.get(0);
    }

    static boolean exists(String relative) {
        return Files.exists(path(relative));
    }
}
