package io.riskbase.it.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The servers every integration test shares, started once per test JVM and stopped when it exits: a real PostgreSQL, a
 * real Redis, and Riskbase node A on them. A second node (same database, same Redis, same signing key) is started on
 * first request; unlike A it lets browsers on {@link #BROWSER_ORIGINS} call the API, so that the CORS tests need no
 * node of their own (every start costs the suite most of a minute).
 */
public final class RiskbaseEnvironment {

    public static final String DEMO_PASSWORD = "demo-password-for-tests";
    /** riskbase.import.batch-size of the test nodes. */
    public static final int IMPORT_BATCH_SIZE = 50;
    /** The origins node B allows (CORS_ALLOWED_ORIGINS); node A allows none, Liberty's default. */
    public static final List<String> BROWSER_ORIGINS =
            List.of("https://app.example.test", "https://other.example.test");

    private static final Logger LOG = Logger.getLogger(RiskbaseEnvironment.class.getName());
    private static RiskbaseEnvironment instance;

    private final TestPostgres postgres;
    private final TestRedis redis;
    private final Map<String, String> baseEnvironment;
    private final LibertyNode nodeA;
    private final long nodeAStartMillis;
    private LibertyNode nodeB;
    private LibertyNode nodeC;

    public static synchronized RiskbaseEnvironment get() {
        if (instance == null) {
            instance = new RiskbaseEnvironment();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown, "riskbase-it-shutdown"));
        }
        return instance;
    }

    private RiskbaseEnvironment() {
        long t0 = System.currentTimeMillis();
        postgres = new TestPostgres();
        redis = new TestRedis();
        LOG.info("PostgreSQL on " + postgres.port() + ", Redis on " + redis.port() + " in "
                + (System.currentTimeMillis() - t0) + " ms");
        baseEnvironment = baseEnvironment();
        nodeA = new LibertyNode("it-node-a", baseEnvironment);
        nodeAStartMillis = nodeA.start();
        LOG.info("Riskbase node A ready on " + nodeA.baseUrl() + " in " + nodeAStartMillis + " ms");
    }

    private Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("RISKBASE_PROFILE", "dev");
        env.put("DB_URL", postgres.jdbcUrl());
        env.put("DB_USER", TestPostgres.USER);
        env.put("DB_PASSWORD", TestPostgres.PASSWORD);
        env.put("REDIS_URL", redis.url());
        env.put("RISKBASE_DEMO_PASSWORD", DEMO_PASSWORD);
        // fewer PBKDF2 rounds keep hundreds of test logins fast; production keeps the default
        env.put("RISKBASE_PASSWORD_ITERATIONS", "5000");
        // small import batches: a test of what happens at a batch boundary needs a file of one batch and a row, not 501
        env.put("RISKBASE_IMPORT_BATCH_SIZE", String.valueOf(IMPORT_BATCH_SIZE));
        // the suites sign up and log in hundreds of users from 127.0.0.1: lift the per-address login
        // limit (production: 15, then one every 4 s); the per-e-mail limit stays at its default
        env.put("RISKBASE_RATELIMIT_AUTH_CAPACITY", "100000");
        env.put("RISKBASE_RATELIMIT_AUTH_REFILL_PER_SECOND", "1000");
        // tests poll admin views in tight loops (e.g. waiting for Redis to come back)
        env.put("RISKBASE_RATELIMIT_ADMIN_CAPACITY", "100000");
        env.put("RISKBASE_RATELIMIT_ADMIN_REFILL_PER_SECOND", "1000");
        // webhook tests run their receivers on loopback, and should not wait seconds between retries
        env.put("RISKBASE_WEBHOOKS_ALLOWED_PRIVATE_NETWORKS", "127.0.0.1/32");
        env.put("RISKBASE_WEBHOOKS_POLL_INTERVAL_MS", "100");
        env.put("RISKBASE_WEBHOOKS_RETRY_BASE_MS", "100");
        env.put("RISKBASE_WEBHOOKS_RETRY_MAX_MS", "400");
        env.put("RISKBASE_WEBHOOKS_DISABLE_AFTER_FAILURES", "5");
        env.put("RISKBASE_WEBHOOKS_CONNECT_TIMEOUT_MS", "1000");
        env.put("RISKBASE_WEBHOOKS_READ_TIMEOUT_MS", "1500");
        // expired risk acceptances are looked for every second (production: every minute)
        env.put("RISKBASE_ACCEPTANCE_EXPIRY_INTERVAL_S", "1");
        // stale jobs (their node died) are looked for every second; the heartbeat limit stays generous for the load
        env.put("RISKBASE_JOBS_REAP_INTERVAL_S", "1");
        env.putAll(jwtKeys());
        return env;
    }

    /** A fresh signing key pair as the environment of a node: nodes that share it accept each other's tokens. */
    public static Map<String, String> jwtKeys() {
        KeyPair keys = rsaKeyPair();
        return Map.of(
                "RISKBASE_JWT_PRIVATE_KEY", pem("PRIVATE KEY", keys.getPrivate().getEncoded()),
                "RISKBASE_JWT_PUBLIC_KEY", pem("PUBLIC KEY", keys.getPublic().getEncoded()));
    }

    public synchronized LibertyNode nodeB() {
        if (nodeB == null) {
            Map<String, String> env = new HashMap<>(baseEnvironment);
            env.put("CORS_ALLOWED_ORIGINS", String.join(", ", BROWSER_ORIGINS));
            nodeB = new LibertyNode("it-node-b", env);
            long millis = nodeB.start();
            LOG.info("Riskbase node B ready on " + nodeB.baseUrl() + " in " + millis + " ms");
        }
        return nodeB;
    }

    /** The operator key of {@link #nodeC()}. */
    public static final String NODE_C_OPERATOR_KEY = "operator-key-for-node-c-0123456789";

    /**
     * A third node on node A's database, started on first use and kept for the run, with the settings whose tests need
     * them and that nodes A and B must not have: sign-up by invitation only and invitations that expire after 2 s
     * (InvitationIT); the staging profile with its JDBC pool (PlatformIT); every request logged as slow, in JSON lines,
     * and an operator key (TimingIT). One node for those test classes rather than one each: a start is 40-60 s on the
     * CI machine. Users sign up on node A (here only an invitation lets one in). It shares node A's Redis, because it
     * runs the background jobs too: an acceptance it expires must reach the caches of nodes A and B.
     */
    public synchronized LibertyNode nodeC() {
        if (nodeC == null) {
            nodeC = startNode(
                    "it-node-c",
                    Map.of(
                            "RISKBASE_SIGNUP", "invite",
                            "RISKBASE_INVITATION_TTL_SECONDS", "2",
                            "RISKBASE_PROFILE", "staging",
                            "RISKBASE_TIMING_SLOW_THRESHOLD_MS", "0",
                            "LOG_FORMAT", "JSON",
                            "RISKBASE_OPERATOR_KEY", NODE_C_OPERATOR_KEY));
        }
        return nodeC;
    }

    /** A node with extra or changed environment, started fresh; the caller stops it. */
    public LibertyNode startNode(String name, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(baseEnvironment);
        env.putAll(overrides);
        LibertyNode node = new LibertyNode(name, env);
        try {
            node.start();
        } catch (RuntimeException e) {
            // a start that timed out may still be running: never leave it behind
            node.stop();
            throw e;
        }
        return node;
    }

    public LibertyNode nodeA() {
        return nodeA;
    }

    public long nodeAStartMillis() {
        return nodeAStartMillis;
    }

    public Api api() {
        return new Api(nodeA.baseUrl());
    }

    /** The environment every node gets (database, Redis, the shared JWT key pair), for servers started another way. */
    public Map<String, String> nodeEnvironment() {
        return Map.copyOf(baseEnvironment);
    }

    public TestPostgres postgres() {
        return postgres;
    }

    public TestRedis redis() {
        return redis;
    }

    private void shutdown() {
        for (LibertyNode node : new LibertyNode[] {nodeA, nodeB, nodeC}) {
            if (node != null) {
                try {
                    node.stop();
                } catch (RuntimeException e) {
                    LOG.warning("stopping " + node.baseUrl() + ": " + e);
                }
            }
        }
        redis.stop();
        postgres.stop();
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
