package io.riskbase.identity;

import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.Optional;

@DbTimed
@ApplicationScoped
public class SessionRepository {

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    public void add(UserSession session) {
        em.persist(session);
    }

    public Optional<UserSession> findByJti(String jti) {
        return em.createQuery("select s from UserSession s where s.jti = :jti", UserSession.class)
                .setParameter("jti", jti)
                .getResultStream().findFirst();
    }

    /** Whether the token is usable: present, not revoked, not expired. */
    public boolean isLive(String jti, OffsetDateTime now) {
        return !em.createQuery("select s.id from UserSession s where s.jti = :jti and s.revoked = false and s.expiresAt > :now", Long.class)
                .setParameter("jti", jti)
                .setParameter("now", now)
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    public int revokeAllOf(long userId) {
        return em.createQuery("update UserSession s set s.revoked = true where s.userId = :user and s.revoked = false")
                .setParameter("user", userId)
                .executeUpdate();
    }
}
