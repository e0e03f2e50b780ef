package io.riskbase.identity;

import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Sessions of one organization's users: every statement filters on {@code org_id}. */
@DbTimed
@ApplicationScoped
public class SessionRepository {

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    public void add(UserSession session) {
        em.persist(session);
    }

    public Optional<UserSession> findByJti(long orgId, String jti) {
        return em.createQuery("select s from UserSession s where s.jti = :jti and s.orgId = :org", UserSession.class)
                .setParameter("jti", jti)
                .setParameter("org", orgId)
                .getResultStream()
                .findFirst();
    }

    /** Whether the token is usable: present, not revoked, not expired. */
    public boolean isLive(long orgId, String jti, OffsetDateTime now) {
        return !em.createQuery(
                        "select s.id from UserSession s where s.jti = :jti and s.orgId = :org and "
                                + "s.revoked = false and s.expiresAt > :now",
                        Long.class)
                .setParameter("jti", jti)
                .setParameter("org", orgId)
                .setParameter("now", now)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    public int revokeAllOf(long orgId, long userId) {
        return em.createQuery("update UserSession s set s.revoked = true where s.orgId = :org and s.userId = "
                        + ":user and s.revoked = false")
                .setParameter("org", orgId)
                .setParameter("user", userId)
                .executeUpdate();
    }
}
