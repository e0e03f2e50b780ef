package io.riskbase.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** deploy/docker-compose.yml as parsed data, with the few Compose rules the tests need. */
final class Compose {

    static final Path FILE = Project.path("deploy/docker-compose.yml");

    private final Map<String, Object> document = Project.yamlMap(FILE);

    Map<String, Object> services() {
        return Yamls.map(document, "services");
    }

    Map<String, Object> service(String name) {
        return Yamls.map(services(), name);
    }

    /** Names of the Riskbase node services (riskbase-1, riskbase-2, …). */
    List<String> riskbaseNodes() {
        return services().keySet().stream()
                .filter(n -> n.matches("riskbase-\\d+"))
                .sorted()
                .toList();
    }

    /** The {@code environment:} entries of a service (map or KEY=VALUE list form). */
    Map<String, String> environment(String service) {
        Object env = Yamls.get(service(service), "environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (env instanceof List<?> list) {
            for (Object entry : list) {
                String[] kv = String.valueOf(entry).split("=", 2);
                result.put(kv[0], kv.length > 1 ? kv[1] : null);
            }
        }
        return result;
    }

    /** The env files of a service, relative to the compose file. */
    List<Path> envFiles(String service) {
        Object files = Yamls.get(service(service), "env_file");
        if (files == null) {
            return List.of();
        }
        List<?> list = files instanceof List<?> l ? l : List.of(files);
        return list.stream()
                .map(f -> FILE.getParent().resolve(String.valueOf(f)).normalize())
                .toList();
    }

    /**
     * Keys of a service's env files, read from the committed {@code .example} of each (the real ones are git-ignored).
     */
    Map<String, String> envFileEntries(String service) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (Path file : envFiles(service)) {
            entries.putAll(EnvFile.parse(Project.read(Path.of(file + ".example"))));
        }
        return entries;
    }

    /**
     * Ports the service's container listens on, as declared by {@code expose} and the container side of {@code ports}.
     */
    Set<Integer> containerPorts(String service) {
        Set<Integer> ports = new TreeSet<>();
        Object expose = Yamls.get(service(service), "expose");
        if (expose instanceof List<?> list) {
            list.forEach(p -> ports.add(Integer.parseInt(String.valueOf(p).split("/")[0])));
        }
        Object published = Yamls.get(service(service), "ports");
        if (published instanceof List<?> list) {
            for (Object p : list) {
                String[] parts = String.valueOf(p).split("/")[0].split(":");
                ports.add(Integer.parseInt(parts[parts.length - 1]));
            }
        }
        return ports;
    }

    /** Bind mounts of a service as source (relative to the compose file, normalized) → container path. */
    Map<Path, String> bindMounts(String service) {
        Map<Path, String> mounts = new LinkedHashMap<>();
        Object volumes = Yamls.get(service(service), "volumes");
        if (volumes instanceof List<?> list) {
            for (Object v : list) {
                String[] parts = String.valueOf(v).split(":");
                if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
                    mounts.put(FILE.getParent().resolve(parts[0]).normalize(), parts[1]);
                }
            }
        }
        return mounts;
    }
}
