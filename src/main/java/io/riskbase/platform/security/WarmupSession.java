package io.riskbase.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The one session a node grants itself while it warms up before it is ready ({@code platform.health.SelfWarmup}): a
 * random token id, accepted as live (without a session row, in organization 0, which holds no data) and exempt from
 * rate limits only until the warm-up ends. Its token is signed like any other and never leaves the process: the node
 * sends it to itself over loopback.
 */
@ApplicationScoped
public class WarmupSession {

    /** The organization of warm-up requests: no tenant has it, so they read nothing but empty answers. */
    public static final long ORG = 0;

    private final String jti = "warmup-" + UUID.randomUUID();
    private volatile boolean active;

    public String jti() {
        return jti;
    }

    public void start() {
        active = true;
    }

    public void end() {
        active = false;
    }

    /** Whether {@code sessionId} is the warm-up's and the warm-up is still running. */
    public boolean accepts(String sessionId) {
        return active && jti.equals(sessionId);
    }
}
