package io.riskbase.identity;

import io.riskbase.platform.security.Role;
import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Users, always looked up inside one organization except by e-mail at login. */
@DbTimed
@ApplicationScoped
public class UserRepository {

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    public void add(User user) {
        em.persist(user);
        em.flush();
    }

    public Optional<User> findByEmail(String email) {
        return em.createQuery("select u from User u where u.email = :email", User.class)
                .setParameter("email", email)
                .getResultStream()
                .findFirst();
    }

    public Optional<User> find(long orgId, long id) {
        return em
                .createQuery("select u from User u where u.id = :id and u.orgId = :org", User.class)
                .setParameter("id", id)
                .setParameter("org", orgId)
                .getResultList()
                .stream()
                .findFirst();
    }

    public List<User> list(long orgId, int offset, int limit) {
        return em.createQuery("select u from User u where u.orgId = :org order by u.id", User.class)
                .setParameter("org", orgId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count(long orgId) {
        return em.createQuery("select count(u) from User u where u.orgId = :org", Long.class)
                .setParameter("org", orgId)
                .getSingleResult();
    }

    public boolean emailTaken(String email) {
        return !em.createQuery("select u.id from User u where u.email = :email", Long.class)
                .setParameter("email", email)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    public long countActiveAdmins(long orgId) {
        return em.createQuery(
                        "select count(u) from User u where u.orgId = :org and u.role = :role and u.status = :status",
                        Long.class)
                .setParameter("org", orgId)
                .setParameter("role", Role.ADMIN)
                .setParameter("status", UserStatus.ACTIVE)
                .getSingleResult();
    }

    public void remove(User user) {
        em.remove(user);
    }
}
