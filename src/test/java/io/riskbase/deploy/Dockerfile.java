package io.riskbase.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** deploy/Dockerfile as a list of instructions (continuations joined, comments dropped), split into stages. */
final class Dockerfile {

    record Instruction(String keyword, String arguments) {}

    private final List<Instruction> instructions = new ArrayList<>();

    Dockerfile() {
        StringBuilder current = new StringBuilder();
        for (String line : Project.read("deploy/Dockerfile").split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().strip();
            current.setLength(0);
            if (!text.isEmpty()) {
                String[] parts = text.split("\\s+", 2);
                instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
            }
        }
    }

    List<Instruction> all() {
        return instructions;
    }

    /** Instructions of the last stage (from its FROM on). */
    List<Instruction> finalStage() {
        int from = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                from = i;
            }
        }
        return instructions.subList(from, instructions.size());
    }

    List<Instruction> of(List<Instruction> stage, String keyword) {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** Default of a global ARG (declared before the first FROM). */
    String globalArg(String name) {
        for (Instruction i : instructions) {
            if (i.keyword().equals("FROM")) {
                break;
            }
            if (i.keyword().equals("ARG") && i.arguments().startsWith(name + "=")) {
                return i.arguments().substring(name.length() + 1);
            }
        }
        throw new AssertionError("no global ARG " + name + "=…");
    }

    /** ENV variables of the final stage (KEY=value form). */
    Map<String, String> finalEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");
        for (Instruction i : of(finalStage(), "ENV")) {
            Matcher m = pair.matcher(i.arguments());
            while (m.find()) {
                env.put(m.group(1), m.group(2).replace("\"", ""));
            }
        }
        return env;
    }

    /** The value of a JVM option the image adds, e.g. MaxRAMPercentage. */
    double jvmPercentage(String option) {
        Matcher m = Pattern.compile("-XX:" + option + "=([0-9.]+)").matcher(Project.read("deploy/Dockerfile"));
        if (!m.find()) {
            throw new AssertionError("the Dockerfile sets no -XX:" + option);
        }
        return Double.parseDouble(m.group(1));
    }
}
