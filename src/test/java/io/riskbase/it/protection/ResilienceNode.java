package io.riskbase.it.protection;

import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.TestPostgres;
import java.util.HashMap;
import java.util.Map;

/**
 * A node of its own for fault and fuzz tests, on a PostgreSQL of its own (so stopping it disturbs no other test) and
 * without Redis (local rate limits, L1 cache only). A tiny pool with a short wait makes exhaustion reachable; rate
 * limits are lifted so fuzzing and load are not mostly 429s. Started once per test JVM, stopped when it exits.
 */
final class ResilienceNode {

    static final int POOL_MAX = 2;
    static final int POOL_WAIT_SECONDS = 1;
    static final int STATEMENT_TIMEOUT_SECONDS = 6;

    private static ResilienceNode instance;

    final TestPostgres postgres;
    final LibertyNode node;

    static synchronized ResilienceNode get() {
        if (instance == null) {
            instance = new ResilienceNode();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "resilience-node-shutdown"));
        }
        return instance;
    }

    private ResilienceNode() {
        RiskbaseEnvironment env = RiskbaseEnvironment.get();
        postgres = new TestPostgres();
        Map<String, String> overrides = new HashMap<>();
        overrides.put("DB_URL", postgres.jdbcUrl());
        overrides.put("REDIS_URL", "");
        overrides.put("POOL_MAX_SIZE", Integer.toString(POOL_MAX));
        overrides.put("POOL_MIN_SIZE", "1");
        overrides.put("POOL_CONNECTION_TIMEOUT", POOL_WAIT_SECONDS + "s");
        overrides.put("DB_STATEMENT_TIMEOUT_S", Integer.toString(STATEMENT_TIMEOUT_SECONDS));
        for (String group : new String[] {"READ", "WRITE", "ADMIN", "AUTH", "AUTH_EMAIL", "AUTH_SLOWDOWN"}) {
            overrides.put("RISKBASE_RATELIMIT_" + group + "_CAPACITY", "1000000");
            overrides.put("RISKBASE_RATELIMIT_" + group + "_REFILL_PER_SECOND", "100000");
        }
        node = env.startNode("it-node-resilience", overrides);
    }

    private void stop() {
        try {
            node.stop();
        } finally {
            postgres.stop();
        }
    }
}
