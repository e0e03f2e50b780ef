package io.riskbase.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Bulkhead;

/**
 * The password hashing of sign-up, login and user changes, behind a bulkhead: PBKDF2 is deliberately slow CPU work
 * (about 0.2 s at 210,000 rounds), so per node at most {@code riskbase.password.max-concurrent} checks (and as many
 * hashes) run at once and a burst of logins cannot take every CPU and server thread from other requests. One more is
 * refused at once, 503 with Retry-After (a waiting queue was tried: the waiting logins held server threads, and other
 * requests queued behind them for seconds). Callers hash outside any database transaction, so a login never holds a
 * pooled connection while it hashes. microprofile-config.properties maps the setting onto this class's
 * {@code Bulkhead/value}.
 */
@ApplicationScoped
@Bulkhead(PasswordHashing.CONCURRENCY)
public class PasswordHashing {

    static final int CONCURRENCY = 4;

    @Inject
    PasswordHasher hasher;

    public String hash(char[] password) {
        return hasher.hash(password);
    }

    public boolean verify(char[] password, String storedHash) {
        return hasher.verify(password, storedHash);
    }
}
