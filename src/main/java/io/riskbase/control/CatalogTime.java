package io.riskbase.control;

import io.riskbase.platform.errors.ApiException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The clock and version check every write of this feature shares. */
final class CatalogTime {

    private CatalogTime() {}

    /** Microseconds: what PostgreSQL stores, so a value read back equals the one returned now. */
    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** A version the client sent must be the current one (else 409); none sent: last write wins. */
    static void checkVersion(String what, Integer sent, int current) {
        if (sent != null && sent != current) {
            throw ApiException.conflict("The " + what + " is at version " + current + ", not " + sent
                    + " (stale): read it again and retry");
        }
    }
}
