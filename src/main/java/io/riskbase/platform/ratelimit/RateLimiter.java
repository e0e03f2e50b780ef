package io.riskbase.platform.ratelimit;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.redis.RedisBudget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Takes a token from a bucket (in Redis when configured, else on this node) and answers 429 when there is none. Besides
 * the filter's per-user/per-address check, code can protect a subject it only knows after reading the body, as login
 * does for the e-mail ({@link #enforceAuthAttempt}).
 */
@ApplicationScoped
public class RateLimiter {

    @Inject
    RateLimitPolicy policy;

    @Inject
    RedisBuckets shared;

    @Inject
    LocalBuckets local;

    @Inject
    RateLimitMetrics metrics;

    @Inject
    AppliedLimits applied;

    @Inject
    RedisBudget budget;

    /** Takes one token from the group's bucket of {@code subject}; throws a 429 {@link ApiException} when empty. */
    public Decision enforce(String group, String subject) {
        if (!policy.enabled()) {
            return null;
        }
        Decision decision = take(group, subject);
        applied.record(decision);
        if (!decision.allowed()) {
            String metricGroup = group.contains(".") ? group.substring(0, group.indexOf('.')) : group;
            metrics.rejected(metricGroup);
            throw new ApiException(
                    429,
                    "Too many requests: rate limit of the '" + metricGroup + "' group reached; retry in "
                            + decision.retryAfterSeconds() + " s",
                    decision.headers());
        }
        return decision;
    }

    private Decision take(String group, String subject) {
        BucketSpec spec = policy.spec(group);
        String key = group + ":" + subject;
        if (!shared.configured() || budget.exhausted()) {
            // over its Redis budget a request is limited by this node's bucket, as when Redis is unreachable
            return local.take(group, key, spec);
        }
        return budget.charged(() -> shared.take(group, key, spec));
    }

    /**
     * A login or sign-up attempt for one e-mail address. Refused (429) beyond the {@code auth.email} bucket of this
     * e-mail <em>from this client address</em>: guesses from one address cannot lock the owner out elsewhere. Beyond
     * the e-mail's {@code auth.slowdown} bucket, whichever address asks, the attempt is delayed (at most
     * {@code riskbase.ratelimit.auth.slowdown.max-delay-ms}) but never refused: guessing one password from many
     * addresses gets slow, and the owner still gets in.
     */
    public void enforceAuthAttempt(String email) {
        if (!policy.enabled()) {
            return;
        }
        String emailKey = "e:" + digest(email.strip().toLowerCase(Locale.ROOT));
        enforce(RateLimitPolicy.AUTH_EMAIL, emailKey + ":a:" + applied.clientAddress());
        Decision slowdown = take(RateLimitPolicy.AUTH_SLOWDOWN, emailKey);
        if (!slowdown.allowed()) {
            metrics.slowedDown();
            pause(Math.min(slowdown.retryAfterSeconds() * 1000, policy.slowdownMaxDelayMillis()));
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keys carry a digest, not the e-mail itself: Redis holds no personal data. */
    static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
