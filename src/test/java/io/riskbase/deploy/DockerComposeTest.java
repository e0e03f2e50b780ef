package io.riskbase.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/docker-compose.yml: the services, their health checks and start order, secrets, wiring and the gateway. */
class DockerComposeTest {

    /** Services whose image has no shell or HTTP client for a health check; Prometheus' `up` watches them. */
    /** Made by generate-secrets.sh (GenerateSecretsTest checks it is for the host name "redis"). */
    private static final String REDIS_CERTIFICATE = "./env/tls/redis.crt";

    private static final Set<String> NO_HEALTHCHECK = Set.of("redis-exporter");

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|PASS|SECRET|PRIVATE_KEY|TOKEN).*");

    private final Compose compose = new Compose();

    @Test
    void hasTwoNodesBehindAGatewayWithTheDataAndMonitoringServices() {
        assertEquals(
                Set.of(
                        "riskbase-1",
                        "riskbase-2",
                        "gateway",
                        "postgres",
                        "redis",
                        "redis-exporter",
                        "postgres-exporter",
                        "prometheus",
                        "alertmanager",
                        "grafana"),
                compose.services().keySet());
        assertEquals(List.of("riskbase-1", "riskbase-2"), compose.riskbaseNodes());
        for (String node : compose.riskbaseNodes()) {
            Path dockerfile = Compose.FILE
                    .getParent()
                    .resolve(Yamls.string(compose.service(node), "build", "context"))
                    .resolve(Yamls.string(compose.service(node), "build", "dockerfile"))
                    .normalize();
            assertEquals(
                    Project.path("deploy/Dockerfile"), dockerfile, node + " builds the image of deploy/Dockerfile");
            assertEquals("service_healthy", Yamls.string(compose.service(node), "depends_on", "postgres", "condition"));
            assertEquals("service_healthy", Yamls.string(compose.service(node), "depends_on", "redis", "condition"));
        }
        compose.riskbaseNodes()
                .forEach(n -> assertEquals(
                        "service_healthy", Yamls.string(compose.service("gateway"), "depends_on", n, "condition")));
    }

    @Test
    void everyServiceHasAHealthCheckAndEveryDependencyACondition() {
        for (String name : compose.services().keySet()) {
            Object healthcheck = Yamls.get(compose.service(name), "healthcheck");
            if (NO_HEALTHCHECK.contains(name)) {
                assertEquals(null, healthcheck, name);
            } else {
                assertNotNull(healthcheck, name + " has no healthcheck");
                assertFalse(Yamls.list(healthcheck, "test").isEmpty(), name);
            }
            Object dependsOn = Yamls.get(compose.service(name), "depends_on");
            if (dependsOn != null) {
                Yamls.map(dependsOn).forEach((dependency, spec) -> {
                    assertTrue(compose.services().containsKey(dependency), name + " depends on unknown " + dependency);
                    String condition = Yamls.string(spec, "condition");
                    assertTrue(
                            Set.of("service_healthy", "service_started").contains(condition),
                            name + " -> " + dependency);
                    if (condition.equals("service_healthy")) {
                        assertNotNull(
                                Yamls.get(compose.service(dependency), "healthcheck"),
                                dependency + " cannot become healthy");
                    }
                });
            }
        }
    }

    @Test
    void nodesHealthCheckTheServersReadinessOnItsHttpPort() {
        for (String node : compose.riskbaseNodes()) {
            int port = ServerConfig.server().httpPort(compose.environment(node));
            String test = String.join(
                    " ",
                    Yamls.list(compose.service(node), "healthcheck", "test").stream()
                            .map(String::valueOf)
                            .toList());
            assertTrue(test.contains("http://localhost:" + port + "/health/ready"), test);
            assertTrue(compose.containerPorts(node).contains(port), node + " exposes " + port);
            // start_period covers Liberty's application start timeout
            long startPeriod = ServerConfig.seconds(Yamls.string(compose.service(node), "healthcheck", "start_period"));
            assertTrue(startPeriod
                    >= ServerConfig.seconds(
                            ServerConfig.server().element("applicationManager").getAttribute("startTimeout")));
        }
    }

    @Test
    void nodeMemoryLimitGivesTheHeapOfJvmOptions() {
        long xmxMib = KustomizeOverlaysTest.xmxMib(Project.read("liberty/jvm.options"));
        double heapShare = new Dockerfile().jvmPercentage("MaxRAMPercentage") / 100;
        for (String node : compose.riskbaseNodes()) {
            String limit = Yamls.string(compose.service(node), "deploy", "resources", "limits", "memory");
            Matcher m = Pattern.compile("(\\d+)([mg])").matcher(limit);
            assertTrue(m.matches(), limit);
            long limitMib = Long.parseLong(m.group(1)) * (m.group(2).equals("g") ? 1024 : 1);
            assertEquals(xmxMib, Math.round(limitMib * heapShare), node);
            assertTrue(limitMib * (1 - heapShare) >= KustomizeOverlaysTest.NON_HEAP_BUDGET_MIB, node);
        }
    }

    @Test
    void secretsComeFromGitIgnoredEnvFilesNeverFromTheComposeFile() {
        List<String> problems = new ArrayList<>();
        for (String name : compose.services().keySet()) {
            compose.environment(name).keySet().stream()
                    .filter(k -> SECRET_NAME.matcher(k).matches())
                    .forEach(k -> problems.add(name + " sets " + k + " in docker-compose.yml"));
            for (Path envFile : compose.envFiles(name)) {
                if (!Files.exists(Path.of(envFile + ".example"))) {
                    problems.add(envFile + " has no committed .example");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(
                Project.read(".gitignore").lines().anyMatch(l -> l.strip().equals("deploy/env/*.env")),
                ".gitignore keeps the real env files out");
        for (String service :
                List.of("riskbase-1", "postgres", "postgres-exporter", "redis", "redis-exporter", "grafana")) {
            assertFalse(compose.envFiles(service).isEmpty(), service + " reads its secrets from an env file");
        }
    }

    @Test
    void nodesReachPostgresAndRedisAsTheyAreConfigured() {
        Map<String, String> postgres = compose.environment("postgres");
        for (String node : compose.riskbaseNodes()) {
            Map<String, String> env = compose.environment(node);
            URI db = URI.create(env.get("DB_URL").substring("jdbc:".length()));
            assertEquals("postgres", db.getHost());
            assertTrue(compose.containerPorts("postgres").contains(db.getPort()));
            assertEquals("/" + postgres.get("POSTGRES_DB"), db.getPath());
            assertEquals(
                    postgres.get("POSTGRES_USER"), compose.envFileEntries(node).get("DB_USER"));
            URI redis = URI.create(env.get("REDIS_URL"));
            assertEquals("rediss", redis.getScheme(), "TLS to Redis");
            assertEquals("redis", redis.getHost());
            assertTrue(compose.containerPorts("redis").contains(redis.getPort()));
            assertTrue(
                    Yamls.list(compose.service(node), "volumes")
                            .contains(REDIS_CERTIFICATE + ":" + env.get("REDIS_TLS_CA_FILE") + ":ro"),
                    node + " trusts Redis' certificate");
            assertTrue(Set.of("dev", "staging", "prod").contains(env.get("RISKBASE_PROFILE")));
        }
        // Redis demands the password every client reads from the same env file
        String redisCommand = String.join(
                " ",
                Yamls.list(compose.service("redis"), "command").stream()
                        .map(String::valueOf)
                        .toList());
        assertTrue(redisCommand.contains("--requirepass \"$$REDIS_PASSWORD\""), redisCommand);
        // ...and speaks only TLS, with the certificate the nodes trust
        assertTrue(redisCommand.contains("--port 0 --tls-port 6379"), redisCommand);
        assertTrue(
                Yamls.list(compose.service("redis"), "volumes").contains(REDIS_CERTIFICATE + ":/tls/redis.crt:ro"),
                "Redis serves the certificate the nodes trust");
        assertTrue(
                String.join(
                                " ",
                                Yamls.list(compose.service("redis"), "healthcheck", "test").stream()
                                        .map(String::valueOf)
                                        .toList())
                        .contains("REDISCLI_AUTH"),
                "the health check authenticates");
        Path redisEnv = Compose.FILE.getParent().resolve("env/redis.env").normalize();
        for (String client : List.of("redis", "riskbase-1", "riskbase-2", "redis-exporter")) {
            assertTrue(compose.envFiles(client).contains(redisEnv), client + " reads env/redis.env");
            assertNotNull(compose.envFileEntries(client).get("REDIS_PASSWORD"), client);
        }
        URI exporterRedis = URI.create(compose.environment("redis-exporter").get("REDIS_ADDR"));
        assertEquals("rediss", exporterRedis.getScheme());
        assertEquals("redis", exporterRedis.getHost());
        assertTrue(compose.environment("postgres-exporter")
                .get("DATA_SOURCE_URI")
                .startsWith("postgres:5432/" + postgres.get("POSTGRES_DB")));
    }

    @Test
    void postgresAcceptsTheConnectionsOfEveryNodesPool() {
        long nodes = compose.riskbaseNodes().size();
        String profile = compose.environment("riskbase-1").get("RISKBASE_PROFILE");
        long pool = Long.parseLong(ServerConfig.profile(profile).variableDefault("POOL_MAX_SIZE"));
        String command = String.join(
                " ",
                Yamls.list(compose.service("postgres"), "command").stream()
                        .map(String::valueOf)
                        .toList());
        Matcher m = Pattern.compile("max_connections=(\\d+)").matcher(command);
        assertTrue(m.find(), command);
        assertTrue(
                Long.parseLong(m.group(1)) >= nodes * pool + 10,
                nodes + " nodes x " + pool + " pooled connections + headroom");
    }

    @Test
    void gatewayBalancesOverEveryNodeWithKeepAliveAndGzip() {
        Path config = Compose.FILE.getParent().resolve("nginx/nginx.conf");
        assertEquals("/etc/nginx/nginx.conf", compose.bindMounts("gateway").get(config));
        String nginx = Project.read(config);
        Matcher upstream = Pattern.compile("upstream\\s+(\\w+)\\s*\\{([^}]*)}").matcher(nginx);
        assertTrue(upstream.find(), "an upstream block");
        List<String> servers = new ArrayList<>();
        Matcher server = Pattern.compile("(?m)^\\s*server\\s+([\\w.-]+):(\\d+)").matcher(upstream.group(2));
        while (server.find()) {
            int port = ServerConfig.server().httpPort(compose.environment(server.group(1)));
            assertEquals(port, Integer.parseInt(server.group(2)), server.group(1));
            servers.add(server.group(1));
        }
        assertEquals(compose.riskbaseNodes(), servers);
        assertTrue(upstream.group(2).matches("(?s).*\\bkeepalive\\s+\\d+;.*"), "upstream keep-alive pool");
        assertTrue(nginx.contains("proxy_pass http://" + upstream.group(1) + ";"));
        assertTrue(
                nginx.contains("proxy_http_version 1.1;") && nginx.contains("proxy_set_header Connection \"\";"),
                "keep-alive to the upstream needs HTTP/1.1 without Connection: close");
        assertTrue(nginx.matches("(?s).*\\bgzip on;.*") && nginx.contains("application/json"), "gzip for JSON");
        Matcher listen = Pattern.compile("listen\\s+(\\d+);").matcher(nginx);
        assertTrue(listen.find());
        assertTrue(
                compose.containerPorts("gateway").contains(Integer.parseInt(listen.group(1))),
                "gateway publishes the port nginx listens on");
        long braces = nginx.chars().filter(c -> c == '{').count();
        assertEquals(braces, nginx.chars().filter(c -> c == '}').count(), "balanced braces");
    }

    @Test
    void gatewayTerminatesTlsAndIsTheOnlyProxyTheNodesTrust() {
        String nginx = Project.read(Compose.FILE.getParent().resolve("nginx/nginx.conf"));
        Matcher tls = Pattern.compile("listen\\s+(\\d+)\\s+ssl;").matcher(nginx);
        assertTrue(tls.find(), "a TLS listener");
        assertTrue(compose.containerPorts("gateway").contains(Integer.parseInt(tls.group(1))));
        assertTrue(Yamls.list(compose.service("gateway"), "ports").stream()
                .map(String::valueOf)
                .anyMatch(p -> p.endsWith(":" + tls.group(1))));
        String mounted =
                compose.bindMounts("gateway").get(Compose.FILE.getParent().resolve("env/tls"));
        assertEquals("/etc/nginx/tls", mounted, "the certificate generate-secrets.sh writes");
        assertTrue(nginx.contains("ssl_certificate " + mounted + "/gateway.crt;"));
        assertTrue(nginx.contains("ssl_certificate_key " + mounted + "/gateway.key;"));
        assertTrue(nginx.contains("ssl_protocols TLSv1.2 TLSv1.3;"));
        assertTrue(
                nginx.matches("(?s).*add_header Strict-Transport-Security \"max-age=\\d+[^\"]*\" always;.*"), "HSTS");
        assertTrue(nginx.contains("return 308 https://"), "plain HTTP redirects to HTTPS");
        assertTrue(
                Project.read(".gitignore").lines().anyMatch(l -> l.strip().equals("deploy/env/tls/")),
                ".gitignore keeps the generated key out");

        String gateway = Yamls.string(compose.service("gateway"), "networks", "default", "ipv4_address");
        for (String node : compose.riskbaseNodes()) {
            Pattern trusted = Pattern.compile(compose.environment(node).get("RISKBASE_TRUSTED_PROXIES"));
            assertTrue(trusted.matcher(gateway).matches(), node + " trusts the gateway " + gateway);
            String[] octets = gateway.split("\\.");
            String neighbour = octets[0] + "." + octets[1] + "." + octets[2] + "." + (Integer.parseInt(octets[3]) + 1);
            assertFalse(trusted.matcher(neighbour).find(), node + " trusts " + neighbour + " too");
        }
        // the edge replaces what the client sent: Liberty takes the first address of X-Forwarded-For
        assertTrue(nginx.contains("proxy_set_header X-Forwarded-For $remote_addr;"));
        assertTrue(nginx.contains("proxy_set_header Forwarded \"\";"));
        assertFalse(nginx.contains("$proxy_add_x_forwarded_for"), "appending keeps the client's own addresses first");
    }

    /** Paths the gateway must answer itself with 404, in the spellings Liberty would still route to the operator. */
    private static final List<String> OPERATOR_PATHS = List.of(
            "/metrics",
            "/metrics/",
            "/metrics?scope=base",
            "/metrics;x=1",
            "/openapi",
            "/openapi/ui/",
            "/OpenAPI/ui",
            "/api/v1/admin",
            "/api/v1/admin/cache",
            "/api/v1/admin/performance",
            "/API/V1/Admin/cache",
            "/api/v1/admin;x=1/cache",
            "/api;a/v1;b/admin/cache");

    private static final List<String> PUBLIC_PATHS = List.of(
            "/api/v1/risks",
            "/api/v1/risks?q=metrics",
            "/api/v1/users/admin",
            "/api/v1/administrators",
            "/api/v1/ping",
            "/health/ready",
            "/gateway/health");

    @Test
    void gatewayDeniesOperatorEndpoints() {
        String nginx = Project.read(Compose.FILE.getParent().resolve("nginx/nginx.conf"));
        Matcher deny = Pattern.compile("location\\s+~\\*\\s+\"([^\"]+)\"\\s*\\{([^}]*)}")
                .matcher(nginx);
        assertTrue(deny.find(), "a case-insensitive regex location for the operator endpoints");
        assertTrue(deny.group(2).matches("(?s).*\\breturn\\s+404\\b.*"), "answered by the gateway: " + deny.group(2));
        assertFalse(deny.group(2).contains("proxy_pass"), deny.group(2));
        Pattern denied = Pattern.compile(deny.group(1), Pattern.CASE_INSENSITIVE);
        for (String path : OPERATOR_PATHS) {
            // nginx matches locations against the path alone, without the query
            assertTrue(denied.matcher(path.split("\\?")[0]).find(), "not denied: " + path);
        }
        for (String path : PUBLIC_PATHS) {
            assertFalse(denied.matcher(path.split("\\?")[0]).find(), "denied: " + path);
        }
    }
}
