package io.riskbase.identity;

import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Invitations, always inside one organization except by token hash at acceptance (the token is the credential). */
@DbTimed
@ApplicationScoped
public class InvitationRepository {

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    public void add(Invitation invitation) {
        em.persist(invitation);
        em.flush();
    }

    public Optional<Invitation> find(long orgId, long id) {
        return em.createQuery("select i from Invitation i where i.id = :id and i.orgId = :org", Invitation.class)
                .setParameter("id", id)
                .setParameter("org", orgId)
                .getResultStream()
                .findFirst();
    }

    public Optional<Invitation> findByTokenHash(String tokenHash) {
        return em.createQuery("select i from Invitation i where i.tokenHash = :hash", Invitation.class)
                .setParameter("hash", tokenHash)
                .getResultStream()
                .findFirst();
    }

    public List<Invitation> list(long orgId, int offset, int limit) {
        return em.createQuery("select i from Invitation i where i.orgId = :org order by i.id", Invitation.class)
                .setParameter("org", orgId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count(long orgId) {
        return em.createQuery("select count(i) from Invitation i where i.orgId = :org", Long.class)
                .setParameter("org", orgId)
                .getSingleResult();
    }

    /**
     * Marks a pending, unexpired invitation of the organization accepted; false when it was not (any more). One
     * conditional update, so two acceptances of the same token cannot both win.
     */
    public boolean markAccepted(long orgId, long id, OffsetDateTime now) {
        return em.createQuery("update Invitation i set i.acceptedAt = :now where i.id = :id and i.orgId = :org"
                                + " and i.acceptedAt is null and i.expiresAt > :now")
                        .setParameter("now", now)
                        .setParameter("id", id)
                        .setParameter("org", orgId)
                        .executeUpdate()
                == 1;
    }

    public void remove(Invitation invitation) {
        em.remove(invitation);
    }
}
