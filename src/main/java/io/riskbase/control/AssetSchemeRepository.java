package io.riskbase.control;

import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The stored asset scheme of an organization (none: the defaults). Lists are kept as JSON arrays. */
@DbTimed
@ApplicationScoped
public class AssetSchemeRepository {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    public Optional<AssetScheme> find(long orgId) {
        List<?> rows = em.createNativeQuery("select types, criticality from asset_schemes where org_id = :org")
                .setParameter("org", orgId)
                .getResultList();
        return rows.stream().findFirst().map(o -> (Object[]) o).map(r -> new AssetScheme(list(r[0]), list(r[1])));
    }

    /**
     * Takes the organization's row until the transaction ends, so that two first saves cannot both insert. Only an
     * ADMIN saves a scheme, rarely: holding risk writes (which share that row) back for one statement is acceptable.
     */
    public void lock(long orgId) {
        em.createNativeQuery("select id from organizations where id = :org for update")
                .setParameter("org", orgId)
                .getResultList();
    }

    public void save(long orgId, AssetScheme scheme, long userId, OffsetDateTime now) {
        int updated = em.createNativeQuery("update asset_schemes set types = :types, criticality = :crit,"
                        + " updated_by = :user, updated_at = :now where org_id = :org")
                .setParameter("types", JSONB.toJson(scheme.types()))
                .setParameter("crit", JSONB.toJson(scheme.criticality()))
                .setParameter("user", userId)
                .setParameter("now", now)
                .setParameter("org", orgId)
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("insert into asset_schemes (org_id, types, criticality, updated_by, updated_at)"
                            + " values (:org, :types, :crit, :user, :now)")
                    .setParameter("org", orgId)
                    .setParameter("types", JSONB.toJson(scheme.types()))
                    .setParameter("crit", JSONB.toJson(scheme.criticality()))
                    .setParameter("user", userId)
                    .setParameter("now", now)
                    .executeUpdate();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object json) {
        return List.copyOf(JSONB.fromJson(String.valueOf(json), List.class));
    }
}
