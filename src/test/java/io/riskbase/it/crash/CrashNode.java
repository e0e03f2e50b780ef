package io.riskbase.it.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.RiskbaseEnvironment;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The node the crash tests kill with SIGKILL and start again, on the shared database and Redis: one node for all of
 * them (every start costs the suite most of a minute), started on first use and stopped when the test JVM exits.
 */
final class CrashNode {

    private static LibertyNode node;

    private CrashNode() {}

    static synchronized LibertyNode get() {
        if (node == null) {
            node = RiskbaseEnvironment.get()
                    .startNode(
                            "it-crash-node",
                            Map.of(
                                    "RISKBASE_RATELIMIT_ENABLED", "false",
                                    // small import batches: progress shows early, so a kill lands well before the end
                                    "RISKBASE_IMPORT_BATCH_SIZE", "200",
                                    // the restarted node fails the killed node's job soon
                                    "RISKBASE_JOBS_STALE_AFTER_S", "20"));
            LibertyNode started = node;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "crash-node-shutdown"));
        }
        return node;
    }

    /** {@code kill -9} of the node's JVM, returning once it has exited. */
    static void kill(LibertyNode node) throws Exception {
        ProcessHandle jvm = node.process();
        assertTrue(
                jvm.info().command().orElse("").endsWith("java"),
                "the pid file names the JVM: " + jvm.info().command());
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(jvm.pid()))
                .inheritIO()
                .start();
        assertEquals(0, kill.waitFor(), "kill -9 " + jvm.pid());
        jvm.onExit().get(30, TimeUnit.SECONDS);
    }
}
