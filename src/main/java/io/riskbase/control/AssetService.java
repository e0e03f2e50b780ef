package io.riskbase.control;

import io.riskbase.control.CatalogRepository.AssetFilter;
import io.riskbase.control.CatalogRepository.Kind;
import io.riskbase.control.CatalogViews.AssetInput;
import io.riskbase.control.CatalogViews.AssetView;
import io.riskbase.control.CatalogViews.HistoryEntryView;
import io.riskbase.control.CatalogViews.LinkedRisk;
import io.riskbase.identity.UserRepository;
import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.CacheKey;
import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.risk.RiskService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.util.List;

/** Assets of one organization; every write records its history and, on deletion, detaches the asset everywhere. */
@ApplicationScoped
public class AssetService {

    @Inject
    AssetSchemeService schemes;

    @Inject
    CatalogRepository catalog;

    @Inject
    UserRepository users;

    @Inject
    RiskService riskService;

    @Cached(ControlCache.ASSET)
    public AssetView get(@TenantId long orgId, long id) {
        return catalog.findAsset(orgId, id, false).map(AssetView::of).orElseThrow(() -> notFound(id));
    }

    @Cached(ControlCache.ASSET_LIST)
    public Page<AssetView> list(@TenantId long orgId, AssetFilter filter, PageRequest page) {
        List<AssetView> items = catalog.assets(orgId, filter, page.offset(), page.size()).stream()
                .map(AssetView::of)
                .toList();
        return new Page<>(items, catalog.countAssets(orgId, filter), page.page(), page.size());
    }

    @Cached(ControlCache.ASSET_RISKS)
    public Page<LinkedRisk> risks(@TenantId long orgId, long id, PageRequest page) {
        if (catalog.findAsset(orgId, id, false).isEmpty()) {
            throw notFound(id);
        }
        return new Page<>(
                catalog.risksOf(Kind.ASSET, orgId, id, page.offset(), page.size()),
                catalog.countRisksOf(Kind.ASSET, orgId, id),
                page.page(),
                page.size());
    }

    @Cached(ControlCache.ASSET_HISTORY)
    public Page<HistoryEntryView> history(@TenantId long orgId, long id, PageRequest page) {
        long total = catalog.countHistory(orgId, Kind.ASSET, id);
        if (total == 0) {
            throw notFound(id);
        }
        return new Page<>(
                catalog.history(orgId, Kind.ASSET, id, page.offset(), page.size()), total, page.page(), page.size());
    }

    @CacheInvalidate(changes = ControlCache.ASSETS_CHANGED, negatives = ControlCache.ASSET)
    @Transactional
    public AssetView create(@TenantId long orgId, long userId, AssetInput input) {
        Asset.Content content = input.toContent();
        AssetSchemeService.check(schemes.get(orgId), content.type(), content.criticality());
        checkOwner(orgId, content.ownerId());
        Asset asset = new Asset(orgId, CatalogTime.now());
        asset.apply(content, CatalogTime.now());
        catalog.add(asset);
        catalog.addHistory(
                orgId,
                Kind.ASSET,
                asset.getId(),
                "CREATED",
                userId,
                asset.getCreatedAt(),
                CatalogChanges.diff(JsonObject.EMPTY_JSON_OBJECT, CatalogChanges.snapshot(content)));
        return AssetView.of(asset);
    }

    @CacheInvalidate(entries = ControlCache.ASSET, changes = ControlCache.ASSETS_CHANGED)
    @Transactional
    public AssetView replace(@TenantId long orgId, long userId, @CacheKey long id, AssetInput input) {
        Asset asset = catalog.findAsset(orgId, id, true).orElseThrow(() -> notFound(id));
        CatalogTime.checkVersion("asset", input.version(), asset.getVersion());
        Asset.Content content = input.toContent();
        if (content.equals(asset.content())) {
            return AssetView.of(asset);
        }
        Asset.Content old = asset.content();
        // a value removed from the scheme stays valid on the assets that have it, until it is changed
        AssetSchemeService.check(
                schemes.get(orgId),
                content.type().equals(old.type()) ? null : content.type(),
                content.criticality() == old.criticality() ? null : content.criticality());
        if (content.ownerId() != null && !content.ownerId().equals(old.ownerId())) {
            checkOwner(orgId, content.ownerId());
        }
        JsonObject before = CatalogChanges.snapshot(asset.content());
        asset.apply(content, CatalogTime.now());
        catalog.flush();
        catalog.addHistory(
                orgId,
                Kind.ASSET,
                id,
                "UPDATED",
                userId,
                asset.getUpdatedAt(),
                CatalogChanges.diff(before, CatalogChanges.snapshot(content)));
        return AssetView.of(asset);
    }

    /** Deletes the asset and, in the same transaction, every link to it (each linked risk's history records it). */
    @CacheInvalidate(
            entries = ControlCache.ASSET,
            changes = {ControlCache.ASSETS_CHANGED, ControlCache.LINKS_CHANGED})
    @Transactional
    public void delete(@TenantId long orgId, long userId, @CacheKey long id) {
        Asset asset = catalog.findAsset(orgId, id, true).orElseThrow(() -> notFound(id));
        List<Long> risks = catalog.detachAll(Kind.ASSET, orgId, id);
        if (!risks.isEmpty()) {
            riskService.linksChanged(orgId, userId, risks, false, Kind.ASSET.field(), id);
        }
        JsonObject before = CatalogChanges.snapshot(asset.content());
        catalog.remove(asset);
        catalog.addHistory(
                orgId,
                Kind.ASSET,
                id,
                "DELETED",
                userId,
                CatalogTime.now(),
                CatalogChanges.diff(before, JsonObject.EMPTY_JSON_OBJECT));
    }

    private void checkOwner(long orgId, Long ownerId) {
        if (ownerId != null && users.find(orgId, ownerId).isEmpty()) {
            throw ApiException.badRequest("owner_id " + ownerId + " is not a user of your organization");
        }
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("Asset " + id);
    }

    /** Streams every asset of the organization; outside any transaction (the cursor holds its own). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void export(long orgId, io.riskbase.platform.persistence.TableExport.Format format, java.io.OutputStream out)
            throws java.io.IOException {
        catalog.exportAssets(orgId, format, out);
    }
}
