package io.riskbase.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No source line is wider than the formatter's 120 columns: palantir-java-format (spotless, in {@code mvn verify})
 * wraps code but leaves long string literals and comments as they are.
 */
class LineWidthTest {

    static final int WIDTH = 120;

    @Test
    void noSourceLineIsWiderThanTheFormattersWidth() throws IOException {
        List<String> wide;
        try (Stream<Path> sources = Stream.of("src/main/java", "src/test/java", "src/tools/java")
                .map(Path::of)
                .flatMap(LineWidthTest::javaFiles)) {
            wide = sources.flatMap(LineWidthTest::wideLines).toList();
        }
        assertEquals(List.of(), wide);
    }

    @Test
    void theCheckCountsCharactersNotBytes() {
        assertEquals(List.of(), wideLines("—".repeat(WIDTH)));
        assertEquals(List.of("line 2 has 121 characters"), wideLines("short\n" + "x".repeat(WIDTH + 1)));
    }

    private static Stream<Path> javaFiles(Path root) {
        try {
            return Files.walk(root).filter(p -> p.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> wideLines(Path source) {
        try {
            return wideLines(Files.readString(source)).stream().map(line -> source + ": " + line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> wideLines(String source) {
        List<String> lines = source.lines().toList();
        return IntStream.range(0, lines.size())
                .filter(i -> lines.get(i).length() > WIDTH)
                .mapToObj(i -> "line " + (i + 1) + " has " + lines.get(i).length() + " characters")
                .toList();
    }
}
