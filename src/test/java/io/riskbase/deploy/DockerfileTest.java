package io.riskbase.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.deploy.Dockerfile.Instruction;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/Dockerfile follows the Open Liberty image conventions and matches the build and the server. */
class DockerfileTest {

    private final Dockerfile dockerfile = new Dockerfile();
    private final List<Instruction> finalStage = dockerfile.finalStage();

    @Test
    void multiStageOnTheOfficialOpenLibertyKernelImageOfTheBuildsLibertyVersion() {
        List<Instruction> froms = dockerfile.of(dockerfile.all(), "FROM");
        assertTrue(froms.size() >= 2, "multi-stage build");
        assertTrue(froms.get(0).arguments().matches(".+ AS build"), "named build stage: " + froms.get(0));
        String image = finalStage.get(0).arguments();
        assertTrue(image.startsWith("icr.io/appcafe/open-liberty:${LIBERTY_VERSION}-kernel-slim-java17-"), image);
        assertEquals(
                pomProperty("liberty.version"), dockerfile.globalArg("LIBERTY_VERSION"), "same Liberty as the build");
    }

    @Test
    void installsOnlyServerXmlsFeaturesAndRunsConfigure() {
        int serverXml = indexOf(i -> i.keyword().equals("COPY") && i.arguments().contains("liberty/server.xml"));
        int features = indexOf(i -> i.keyword().equals("RUN") && i.arguments().startsWith("features.sh"));
        int configure = indexOf(i -> i.keyword().equals("RUN") && i.arguments().startsWith("configure.sh"));
        assertTrue(serverXml >= 0 && features > serverXml, "features.sh must run after server.xml is copied");
        assertTrue(configure > features, "configure.sh last");
        assertTrue(
                dockerfile.of(finalStage, "COPY").stream()
                        .anyMatch(i -> i.arguments().contains("liberty/profiles/")),
                "the pool profiles server.xml includes");
        assertTrue(
                dockerfile.of(finalStage, "COPY").stream()
                        .anyMatch(i -> i.arguments().endsWith("/config/apps/riskbase.war")),
                "the WAR where server.xml's webApplication expects it");
        assertTrue(
                dockerfile.of(finalStage, "COPY").stream()
                        .anyMatch(i -> i.arguments().endsWith("/config/lib/global/")),
                "JDBC drivers where server.xml's library looks");
    }

    @Test
    void runsAsNonRootAfterTheLastRun() {
        List<Instruction> users = dockerfile.of(finalStage, "USER");
        assertFalse(users.isEmpty(), "USER");
        String user = users.get(users.size() - 1).arguments().split(":")[0];
        assertFalse(user.equals("0") || user.equals("root"), "non-root user");
        int lastUser = finalStage.lastIndexOf(users.get(users.size() - 1));
        int lastRun = finalStage.lastIndexOf(dockerfile
                .of(finalStage, "RUN")
                .get(dockerfile.of(finalStage, "RUN").size() - 1));
        assertTrue(lastUser > lastRun, "USER after the last RUN");
        dockerfile
                .of(finalStage, "COPY")
                .forEach(i -> assertTrue(
                        i.arguments().contains("--chown=" + user + ":0"),
                        "files owned by the runtime user: " + i.arguments()));
    }

    @Test
    void exposesAndHealthChecksTheServersHttpPort() {
        int httpPort = ServerConfig.server().httpPort(Map.of());
        assertTrue(dockerfile.of(finalStage, "EXPOSE").stream()
                .anyMatch(i -> List.of(i.arguments().split("\\s+")).contains(String.valueOf(httpPort))));
        List<Instruction> health = dockerfile.of(finalStage, "HEALTHCHECK");
        assertEquals(1, health.size());
        String command = health.get(0).arguments();
        assertTrue(command.contains("/health/ready"), command);
        Matcher port = Pattern.compile("\\$\\{HTTP_PORT:-(\\d+)}").matcher(command);
        assertTrue(port.find(), "health check follows HTTP_PORT: " + command);
        assertEquals(httpPort, Integer.parseInt(port.group(1)));
        assertEquals(ServerConfig.server().boundVariable("httpEndpoint", "httpPort"), "HTTP_PORT");
    }

    @Test
    void theHeapFollowsTheContainerLimitInsteadOfAFixedXmx() {
        assertTrue(dockerfile.jvmPercentage("MaxRAMPercentage") > 0);
        String run = dockerfile.of(dockerfile.all(), "RUN").stream()
                .map(Instruction::arguments)
                .filter(a -> a.contains("jvm.options"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                run.contains("grep -v -E '^-Xm[sx]' liberty/jvm.options"),
                "drops -Xms/-Xmx, keeps the other options: " + run);
        assertTrue(
                Project.read("liberty/jvm.options").lines().anyMatch(l -> l.startsWith("--add-opens")),
                "options the container keeps");
    }

    @Test
    void copiesOnlyFilesThatExistAndTheContextIgnoreFileLetsThrough() {
        List<String> allowed = Project.read("deploy/Dockerfile.dockerignore")
                .lines()
                .filter(l -> l.startsWith("!"))
                .map(l -> l.substring(1))
                .toList();
        for (Instruction copy : dockerfile.of(dockerfile.all(), "COPY")) {
            if (copy.arguments().contains("--from=")) {
                continue;
            }
            String[] parts = copy.arguments().replaceAll("--chown=\\S+\\s+", "").split("\\s+");
            for (int i = 0; i < parts.length - 1; i++) {
                String source = parts[i];
                assertTrue(Project.exists(source), "COPY source " + source + " does not exist");
                assertTrue(
                        allowed.stream().anyMatch(a -> source.startsWith(a) || a.startsWith(source)),
                        source + " is excluded by Dockerfile.dockerignore");
            }
        }
    }

    private int indexOf(java.util.function.Predicate<Instruction> test) {
        for (int i = 0; i < finalStage.size(); i++) {
            if (test.test(finalStage.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static String pomProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Project.read("pom.xml"));
        if (!m.find()) {
            throw new AssertionError("pom.xml has no property " + name);
        }
        return m.group(1);
    }
}
