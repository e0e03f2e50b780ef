package io.riskbase.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The platform is below every feature: no source under {@code platform} names a feature package. */
class LayeringTest {

    private static final Path PLATFORM = Path.of("src/main/java/io/riskbase/platform");
    /** Any reference to a package of the application outside the platform: an import or a qualified name. */
    private static final Pattern FEATURE_REFERENCE =
            Pattern.compile("\\bio\\.riskbase\\.(?!platform\\b)([a-z][a-z0-9]*)\\.");

    @Test
    void platformNamesNoFeaturePackage() throws IOException {
        assertTrue(Files.isDirectory(PLATFORM), "run from the project directory: " + PLATFORM.toAbsolutePath());
        List<String> violations;
        try (Stream<Path> sources = Files.walk(PLATFORM)) {
            violations = sources.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(LayeringTest::featureReferences)
                    .toList();
        }
        assertEquals(List.of(), violations, "platform.* must not depend on a feature package");
    }

    @Test
    void theCheckSeesAnImportAndAQualifiedName() {
        assertEquals(
                List.of("import io.riskbase.identity.Caller;"),
                featureReferences("import io.riskbase.identity.Caller;"));
        assertEquals(
                1, featureReferences("x instanceof io.riskbase.risk.Risk r").size());
        assertEquals(List.of(), featureReferences("import io.riskbase.platform.security.Caller;"));
    }

    private static Stream<String> featureReferences(Path source) {
        try {
            return featureReferences(Files.readString(source)).stream().map(line -> source + ": " + line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> featureReferences(String source) {
        return source.lines()
                .filter(line -> FEATURE_REFERENCE.matcher(line).find())
                .map(String::trim)
                .toList();
    }
}
