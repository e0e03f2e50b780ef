package io.riskbase.platform.ratelimit;

import io.riskbase.platform.errors.ApiException;
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
 * does for the e-mail: {@code rateLimiter.enforce(RateLimitPolicy.AUTH_EMAIL, "e:" + RateLimiter.digest(email))}.
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

    /** Takes one token from the group's bucket of {@code subject}; throws a 429 {@link ApiException} when empty. */
    public Decision enforce(String group, String subject) {
        if (!policy.enabled()) {
            return null;
        }
        BucketSpec spec = policy.spec(group);
        String key = group + ":" + subject;
        Decision decision = shared.configured() ? shared.take(group, key, spec) : local.take(group, key, spec);
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

    /** Login and sign-up attempts for one e-mail address, whichever address they come from. */
    public void enforceAuthAttempt(String email) {
        enforce(RateLimitPolicy.AUTH_EMAIL, "e:" + digest(email.strip().toLowerCase(Locale.ROOT)));
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
