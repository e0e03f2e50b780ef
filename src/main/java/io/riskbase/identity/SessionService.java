package io.riskbase.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Session lookups for every authenticated request, and revocation at logout. */
@ApplicationScoped
public class SessionService {

    @Inject
    SessionRepository sessions;

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isLive(String jti) {
        return jti != null && sessions.isLive(jti, OffsetDateTime.now(ZoneOffset.UTC));
    }

    @Transactional
    public void revoke(String jti) {
        sessions.findByJti(jti).ifPresent(UserSession::revoke);
    }
}
