package io.riskbase.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * The password hashing of sign-up and login, behind a bulkhead: PBKDF2 is deliberately slow CPU work (about 0.2 s at
 * 210,000 rounds), so per node at most {@value #CONCURRENCY} checks (and as many hashes) run at once and a burst of
 * logins cannot take every CPU from other requests. A call beyond that waits for a place by polling (it holds no
 * connection and no lock meanwhile) for up to {@value #MAX_WAIT_MS} ms, then is refused: 503 with Retry-After. Callers
 * hash outside any database transaction, so a login that waits or hashes never holds a pooled connection. Tuned by
 * {@code riskbase.password.max-concurrent} and {@code riskbase.password.max-wait-ms} (microprofile-config.properties
 * maps them onto this class's {@code Bulkhead/value} and {@code Retry/maxDuration}).
 */
@ApplicationScoped
@Bulkhead(PasswordHashing.CONCURRENCY)
@Retry(
        retryOn = BulkheadException.class,
        maxRetries = -1,
        delay = 20,
        jitter = 15,
        maxDuration = PasswordHashing.MAX_WAIT_MS,
        durationUnit = ChronoUnit.MILLIS)
public class PasswordHashing {

    static final int CONCURRENCY = 4;
    static final long MAX_WAIT_MS = 5000;

    @Inject
    PasswordHasher hasher;

    public String hash(char[] password) {
        return hasher.hash(password);
    }

    public boolean verify(char[] password, String storedHash) {
        return hasher.verify(password, storedHash);
    }
}
