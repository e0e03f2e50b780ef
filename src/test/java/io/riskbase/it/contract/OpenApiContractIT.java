package io.riskbase.it.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.RiskbaseEnvironment;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live {@code /openapi} is a contract a generated client can run on: every operation named, summarised, secured (or
 * explicitly public) and with the 4xx answers it can give, every body with its fields, no unused schema; and a Java
 * client made from it by openapi-generator (the real tool, from Maven Central) runs sign-up → login → create → list →
 * patch with If-Match → delete.
 */
class OpenApiContractIT {

    private static final Path PROJECT =
            Path.of(System.getProperty("project.dir", "")).toAbsolutePath();
    private static final Path WORK = PROJECT.resolve("target/generated-client");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private static Api api;
    private static String document;
    private static JsonObject openapi;

    @BeforeAll
    static void fetchTheContract() {
        api = RiskbaseEnvironment.get().api();
        document = api.withHeader("Accept", "application/json")
                .get("/openapi")
                .expect(200)
                .body();
        openapi = Json.createReader(new StringReader(document)).readObject();
    }

    @Test
    void everyOperationIsNamedSummarisedSecuredAndListsItsErrors() {
        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        JsonObject paths = openapi.getJsonObject("paths");
        assertTrue(paths.size() >= 25, "paths: " + paths.keySet());
        for (String path : paths.keySet()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.keySet()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                JsonObject operation = item.getJsonObject(method);
                String where = method.toUpperCase() + " " + path;
                String id = operation.getString("operationId", "");
                if (id.isBlank() || !operationIds.add(id)) {
                    problems.add(where + ": missing or duplicate operationId '" + id + "'");
                }
                if (operation.getString("summary", "").isBlank()) {
                    problems.add(where + ": no summary");
                }
                if (!operation.containsKey("security")) {
                    problems.add(where + ": no security requirement (public operations state an empty one)");
                }
                Set<String> codes = operation.getJsonObject("responses").keySet();
                // a browser's entry point (single sign-on) succeeds with a redirect
                if (codes.stream().noneMatch(code -> code.startsWith("2") || code.equals("303"))) {
                    problems.add(where + ": no success answer");
                }
                List<String> expected = new ArrayList<>(List.of("429"));
                if (!operation.getJsonArray("security").isEmpty()) {
                    expected.add("401");
                }
                if (operation.containsKey("requestBody")) {
                    expected.addAll(List.of("400", "413"));
                }
                if (path.contains("{")) {
                    expected.add("404");
                }
                expected.stream()
                        .filter(code -> !codes.contains(code))
                        .forEach(code -> problems.add(where + ": answer " + code + " not described"));
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void bodiesDescribeTheirFieldsAndNoSchemaIsUnused() {
        JsonObject schemas = openapi.getJsonObject("components").getJsonObject("schemas");
        JsonObject signup = schemas.getJsonObject("Signup");
        assertTrue(
                signup.getJsonObject("properties").keySet().containsAll(List.of("email", "password")),
                signup.toString());
        assertTrue(signup.getJsonArray("required").contains(Json.createValue("password")), signup.toString());
        List<String> empty = schemas.keySet().stream()
                .filter(name -> isObjectWithoutProperties(schemas.getJsonObject(name)))
                .toList();
        assertEquals(List.of(), empty, "object schemas without properties");

        Set<String> referenced = new TreeSet<>();
        Matcher ref = Pattern.compile("#/components/schemas/([A-Za-z0-9_.-]+)").matcher(document);
        while (ref.find()) {
            referenced.add(ref.group(1));
        }
        List<String> unused = schemas.keySet().stream()
                .filter(name -> !referenced.contains(name))
                .toList();
        assertEquals(List.of(), unused, "schemas no operation or schema refers to");
    }

    @Test
    void infoNamesLicenceAndContact() {
        JsonObject info = openapi.getJsonObject("info");
        assertTrue(info.containsKey("license") && info.containsKey("contact"), info.toString());
    }

    @Test
    void aGeneratedClientRunsTheWholeFlow() throws Exception {
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        Path spec = Files.writeString(WORK.resolve("openapi.json"), document);
        generate(spec, WORK.resolve("client"));
        Path classes = compile(WORK.resolve("client/src/main/java"), WORK.resolve("classes"));
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            @SuppressWarnings("unchecked")
            Function<String, List<String>> flow = (Function<String, List<String>>)
                    loader.loadClass("flow.ClientFlow").getConstructor().newInstance();
            List<String> steps = flow.apply(api.baseUrl());
            assertEquals(
                    List.of(
                            "signup ADMIN",
                            steps.get(1),
                            "create 201 score 12",
                            "list true",
                            "patch Renamed by a generated client v1",
                            "stale patch 412",
                            "delete 404"),
                    steps);
            assertTrue(steps.get(1).startsWith("login "), steps.toString());
        }
    }

    private static boolean isObjectWithoutProperties(JsonObject schema) {
        JsonValue type = schema.get("type");
        return type != null
                && type.toString().contains("object")
                && !schema.containsKey("properties")
                && !schema.containsKey("additionalProperties");
    }

    /** openapi-generator's CLI, copied to target/tools by the build; the Java client on java.net.http. */
    private static void generate(Path spec, Path out) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("openapi.generator.jar", "target/tools/openapi-generator-cli.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " missing: the build copies it (maven-dependency-plugin)");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "generate",
                        "-i",
                        spec.toString(),
                        "-g",
                        "java",
                        "--library",
                        "native",
                        "-o",
                        out.toString(),
                        "--api-package",
                        "gen.api",
                        "--model-package",
                        "gen.model",
                        "--invoker-package",
                        "gen",
                        "--additional-properties",
                        "useJakartaEe=true,hideGenerationTimestamp=true,openApiNullable=false")
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve("generator.log").toFile())
                .start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "openapi-generator did not finish");
        assertEquals(0, process.exitValue(), Files.readString(WORK.resolve("generator.log")));
    }

    /** The generated sources and the flow written against them, compiled with the test classpath (Jackson). */
    private static Path compile(Path sources, Path classes) throws IOException {
        Files.createDirectories(classes);
        Path flow = Files.createDirectories(sources.resolve("flow")).resolve("ClientFlow.java");
        try (var in = OpenApiContractIT.class.getResourceAsStream("/generated-client/ClientFlow.java")) {
            Files.write(flow, in.readAllBytes());
        }
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toString)
                    .toList();
        }
        List<String> arguments = new ArrayList<>(List.of(
                "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none", "-nowarn"));
        arguments.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, arguments.toArray(String[]::new));
        assertEquals(0, status, "the generated client does not compile:\n" + errors);
        return classes;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}
