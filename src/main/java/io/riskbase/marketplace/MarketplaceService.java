package io.riskbase.marketplace;

import io.riskbase.marketplace.MarketplaceViews.AppView;
import io.riskbase.marketplace.MarketplaceViews.ConnectorDetailView;
import io.riskbase.marketplace.MarketplaceViews.ConnectorView;
import io.riskbase.marketplace.MarketplaceViews.InstallationView;
import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.platform.web.QueryParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Catalogue reads (global: the same for every organization) and installations of the caller's organization. Reads
 * return immutable values; installs and uninstalls are the only writes.
 */
@ApplicationScoped
public class MarketplaceService {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final Type CONFIG_TYPE =
            new HashMap<String, String>() {}.getClass().getGenericSuperclass();

    @Inject
    MarketplaceRepository repository;

    /** The distinct connector categories of the catalogue. */
    @Cached(MarketplaceCache.CATALOGUE)
    public List<String> categories() {
        return List.copyOf(repository.categories());
    }

    @Cached(MarketplaceCache.CATALOGUE)
    public Page<ConnectorView> connectors(String category, Connector.Status status, PageRequest page) {
        if (category != null && !categories().contains(category)) {
            throw ApiException.badRequest("Query parameter 'category' must be one of " + categories() + ", was '"
                    + QueryParams.abbreviate(category) + "'");
        }
        List<ConnectorView> items = repository.connectors(category, status, page.offset(), page.size()).stream()
                .map(ConnectorView::of)
                .toList();
        return new Page<>(items, repository.countConnectors(category, status), page.page(), page.size());
    }

    @Cached(MarketplaceCache.CATALOGUE)
    public ConnectorDetailView connector(long id) {
        Connector c = repository.connector(id).orElseThrow(() -> ApiException.notFound("Connector " + id));
        return new ConnectorDetailView(
                ConnectorView.of(c),
                repository.apps(id).stream().map(MarketplaceService::app).toList());
    }

    @Cached(MarketplaceCache.CATALOGUE)
    public AppView app(long id) {
        return repository.app(id).map(MarketplaceService::app).orElseThrow(() -> ApiException.notFound("App " + id));
    }

    @Cached(MarketplaceCache.INSTALLATIONS)
    public List<InstallationView> installations(@TenantId long orgId) {
        return repository.installations(orgId).stream().map(this::view).toList();
    }

    @Cached(MarketplaceCache.INSTALLATIONS)
    public InstallationView installation(@TenantId long orgId, long connectorId) {
        return repository
                .installation(orgId, connectorId)
                .map(this::view)
                .orElseThrow(() -> ApiException.notFound("Installation of connector " + connectorId));
    }

    @CacheInvalidate(namespaces = MarketplaceCache.INSTALLATIONS, negatives = MarketplaceCache.INSTALLATIONS)
    @Transactional
    public InstallationView install(@TenantId long orgId, long userId, long connectorId, Map<String, String> config) {
        Connector connector =
                repository.connector(connectorId).orElseThrow(() -> ApiException.notFound("Connector " + connectorId));
        if (Connector.Status.DEPRECATED.name().equals(connector.getStatus())) {
            throw ApiException.conflict("Connector " + connector.getSlug() + " is deprecated and cannot be installed");
        }
        if (repository.installation(orgId, connectorId).isPresent()) {
            throw ApiException.conflict("Connector " + connector.getSlug() + " is already installed");
        }
        String stored = config == null || config.isEmpty() ? null : JSONB.toJson(config);
        // each key and value is validated, but 20 of them, escaped as JSON, can outgrow the column
        if (stored != null && stored.length() > Installation.CONFIG_MAX_CHARS) {
            throw ApiException.badRequest("Field 'config' takes at most " + Installation.CONFIG_MAX_CHARS
                    + " characters once stored as JSON, was " + stored.length());
        }
        Installation installation = new Installation(
                orgId,
                connectorId,
                stored,
                userId,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
        try {
            repository.add(installation);
        } catch (PersistenceException e) {
            // a concurrent install of the same connector won the primary key
            throw ApiException.conflict("Connector " + connector.getSlug() + " is already installed");
        }
        return view(installation);
    }

    @CacheInvalidate(namespaces = MarketplaceCache.INSTALLATIONS)
    @Transactional
    public void uninstall(@TenantId long orgId, long connectorId) {
        Installation installation = repository
                .installation(orgId, connectorId)
                .orElseThrow(() -> ApiException.notFound("Installation of connector " + connectorId));
        repository.remove(installation);
    }

    private InstallationView view(Installation i) {
        String slug =
                repository.connector(i.getConnectorId()).map(Connector::getSlug).orElse(null);
        Map<String, String> config = i.getConfig() == null
                ? Map.of()
                : Map.copyOf(JSONB.<Map<String, String>>fromJson(i.getConfig(), CONFIG_TYPE));
        return new InstallationView(
                i.getConnectorId(), slug, i.getStatus(), config, i.getInstalledBy(), i.getInstalledAt());
    }

    private static AppView app(App a) {
        JsonObject metadata;
        if (a.getMetadata() == null || a.getMetadata().isBlank()) {
            metadata = JsonObject.EMPTY_JSON_OBJECT;
        } else {
            try (JsonReader reader = Json.createReader(new StringReader(a.getMetadata()))) {
                metadata = reader.readObject();
            }
        }
        return new AppView(a.getId(), a.getConnectorId(), a.getName(), metadata);
    }
}
