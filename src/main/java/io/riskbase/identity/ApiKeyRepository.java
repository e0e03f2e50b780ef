package io.riskbase.identity;

import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** API keys, always inside one organization: the secret's hash is looked up within the organization it names. */
@DbTimed
@ApplicationScoped
public class ApiKeyRepository {

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    public void add(ApiKey key) {
        em.persist(key);
        em.flush();
    }

    public Optional<ApiKey> find(long orgId, long id) {
        return em.createQuery("select k from ApiKey k where k.id = :id and k.orgId = :org", ApiKey.class)
                .setParameter("id", id)
                .setParameter("org", orgId)
                .getResultStream()
                .findFirst();
    }

    /** The unrevoked key with this secret hash whose creator is still an active user of the organization. */
    public Optional<ApiKey> findUsable(long orgId, String secretHash) {
        return em.createQuery(
                        "select k from ApiKey k where k.secretHash = :hash and k.orgId = :org and k.revokedAt is null"
                                + " and exists (select u.id from User u where u.id = k.createdBy and u.orgId = :org"
                                + " and u.status = :active)",
                        ApiKey.class)
                .setParameter("hash", secretHash)
                .setParameter("org", orgId)
                .setParameter("active", UserStatus.ACTIVE)
                .getResultStream()
                .findFirst();
    }

    public List<ApiKey> list(long orgId, int offset, int limit) {
        return em.createQuery("select k from ApiKey k where k.orgId = :org order by k.id", ApiKey.class)
                .setParameter("org", orgId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count(long orgId) {
        return em.createQuery("select count(k) from ApiKey k where k.orgId = :org", Long.class)
                .setParameter("org", orgId)
                .getSingleResult();
    }

    /**
     * Records a use unless one was recorded less than a minute ago: true when this call wrote, so of all nodes and
     * requests at most one a minute writes (and is audited).
     */
    public boolean touch(long orgId, long id, OffsetDateTime now) {
        return em.createQuery("update ApiKey k set k.lastUsedAt = :now where k.id = :id and k.orgId = :org"
                                + " and (k.lastUsedAt is null or k.lastUsedAt < :minuteAgo)")
                        .setParameter("now", now)
                        .setParameter("minuteAgo", now.minusMinutes(1))
                        .setParameter("id", id)
                        .setParameter("org", orgId)
                        .executeUpdate()
                == 1;
    }
}
