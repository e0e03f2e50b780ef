package io.riskbase.deploy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Docker Compose's env file syntax as far as Riskbase's files use it: KEY=value, # comments, "double quotes" with \n.
 */
final class EnvFile {

    private EnvFile() {}

    static Map<String, String> parse(String text) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not KEY=value: " + line);
            }
            String value = trimmed.substring(eq + 1);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1)
                        .replace("\\n", "\n")
                        .replace("\\\"", "\"");
            }
            entries.put(trimmed.substring(0, eq), value);
        }
        return entries;
    }
}
