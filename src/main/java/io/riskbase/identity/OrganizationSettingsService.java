package io.riskbase.identity;

import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.AuditTrail;
import io.riskbase.platform.timing.DbTimed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Reads and replaces an organization's settings document. It queries the EntityManager itself, so it carries
 * {@link DbTimed} like a repository (the JSON mapping is counted as database time).
 */
@DbTimed
@ApplicationScoped
public class OrganizationSettingsService {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @PersistenceContext(unitName = "riskbase")
    EntityManager em;

    @Inject
    io.riskbase.platform.events.ChangeEvents changeEvents;

    @Inject
    AuditTrail audit;

    @Cached(IdentityCache.SETTINGS)
    public SettingsDocument get(@TenantId long orgId) {
        OrgSettings stored = em.find(OrgSettings.class, orgId);
        return stored == null ? SettingsDocument.defaults() : read(stored);
    }

    /** A document stored before acceptance_approval existed has none: the organization keeps direct acceptance. */
    private static SettingsDocument read(OrgSettings stored) {
        SettingsDocument document = JSONB.fromJson(stored.getSettings(), SettingsDocument.class);
        return document.acceptanceApproval() == null ? document.withAcceptanceApproval(false) : document;
    }

    @CacheInvalidate(namespaces = IdentityCache.SETTINGS)
    @Transactional
    public SettingsDocument replace(@TenantId long orgId, SettingsDocument settings) {
        try {
            ZoneId.of(settings.timezone());
        } catch (DateTimeException e) {
            throw ApiException.badRequest("timezone '" + settings.timezone() + "' is not a known IANA time zone");
        }
        OrgSettings stored = em.find(OrgSettings.class, orgId);
        if (settings.acceptanceApproval() == null) {
            // a client that predates the setting does not turn it off by replacing the other settings
            settings = settings.withAcceptanceApproval(
                    stored == null
                            ? SettingsDocument.defaults().requiresApproval()
                            : read(stored).requiresApproval());
        }
        String json = JSONB.toJson(settings);
        if (stored == null) {
            em.persist(new OrgSettings(orgId, json, OffsetDateTime.now(ZoneOffset.UTC)));
        } else {
            stored.replace(json, OffsetDateTime.now(ZoneOffset.UTC));
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            jakarta.json.JsonObject document = reader.readObject();
            audit.record(orgId, "settings.updated", "organization", orgId, document);
            changeEvents.publish(
                    orgId, "settings.updated", "organization", orgId, java.util.Map.of("settings", document));
        }
        return settings;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void createDefaults(long orgId) {
        em.persist(
                new OrgSettings(orgId, JSONB.toJson(SettingsDocument.defaults()), OffsetDateTime.now(ZoneOffset.UTC)));
    }
}
