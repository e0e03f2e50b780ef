package io.riskbase.identity;

import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.CacheKey;
import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.security.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** Session lookups for every authenticated request, and revocation at logout. */
@ApplicationScoped
public class SessionService {

    @Inject
    SessionRepository sessions;

    @Inject
    AuditTrail audit;

    /** Checked on every authenticated request: answered from the cache, so a warm node does not query the database. */
    @Cached(IdentityCache.SESSION)
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isLive(@TenantId long orgId, String jti) {
        return jti != null && sessions.isLive(orgId, jti, OffsetDateTime.now(ZoneOffset.UTC));
    }

    @CacheInvalidate(entries = IdentityCache.SESSION)
    @Transactional
    public void revoke(@TenantId long orgId, @CacheKey String jti) {
        sessions.findByJti(orgId, jti).ifPresent(session -> {
            session.revoke();
            audit.record(orgId, "logout", "session", session.getId(), Map.of());
        });
    }
}
