package io.riskbase.control;

import io.riskbase.control.CatalogRepository.Kind;
import io.riskbase.control.CatalogViews.AssetView;
import io.riskbase.control.CatalogViews.ControlView;
import io.riskbase.control.FrameworkViews.RequirementRef;
import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.risk.RiskRepository;
import io.riskbase.risk.RiskService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Links as first-class writes: risk↔asset, risk↔control, control↔requirement. Both ends are looked up inside the
 * caller's organization before anything is written (an id of another organization is a 404 and no row), both ends'
 * histories record the change, and PUT/DELETE are idempotent (linking twice writes once).
 */
@ApplicationScoped
public class LinkService {

    @Inject
    CatalogRepository catalog;

    @Inject
    FrameworkRepository frameworks;

    @Inject
    RiskRepository risks;

    @Inject
    RiskService riskService;

    @Cached(ControlCache.RISK_ASSETS)
    public Page<AssetView> assetsOf(@TenantId long orgId, long riskId, PageRequest page) {
        requireRisk(orgId, riskId);
        List<AssetView> items = catalog.assetsOfRisk(orgId, riskId, page.offset(), page.size()).stream()
                .map(AssetView::of)
                .toList();
        return new Page<>(items, catalog.countOfRisk(Kind.ASSET, orgId, riskId), page.page(), page.size());
    }

    @Cached(ControlCache.RISK_CONTROLS)
    public Page<ControlView> controlsOf(@TenantId long orgId, long riskId, PageRequest page) {
        requireRisk(orgId, riskId);
        List<ControlView> items = catalog.controlsOfRisk(orgId, riskId, page.offset(), page.size()).stream()
                .map(ControlView::of)
                .toList();
        return new Page<>(items, catalog.countOfRisk(Kind.CONTROL, orgId, riskId), page.page(), page.size());
    }

    /** Links ({@code link}) or unlinks a risk and an asset or control; whether anything changed. */
    @CacheInvalidate(changes = ControlCache.LINKS_CHANGED)
    @Transactional
    public boolean setRiskLink(@TenantId long orgId, long userId, Kind kind, long riskId, long targetId, boolean link) {
        // the risk first, then the target: the order every link write takes, so two never wait on each other
        if (risks.findForUpdate(orgId, riskId).isEmpty()) {
            throw ApiException.notFound("Risk " + riskId);
        }
        boolean exists = kind == Kind.ASSET
                ? catalog.findAsset(orgId, targetId, true).isPresent()
                : catalog.findControl(orgId, targetId, true).isPresent();
        if (!exists) {
            throw kind == Kind.ASSET ? AssetService.notFound(targetId) : ControlService.notFound(targetId);
        }
        OffsetDateTime now = CatalogTime.now();
        boolean changed = link
                ? catalog.link(kind, orgId, riskId, targetId, userId, now)
                : catalog.unlink(kind, orgId, riskId, targetId);
        if (changed) {
            riskService.linksChanged(orgId, userId, List.of(riskId), link, kind.field(), targetId);
            catalog.addHistory(
                    orgId,
                    kind,
                    targetId,
                    link ? "LINKED" : "UNLINKED",
                    userId,
                    now,
                    CatalogChanges.link("risk_id", riskId, link));
        }
        return changed;
    }

    /** Maps ({@code map}) or unmaps a control and a requirement; whether anything changed. */
    @CacheInvalidate(changes = ControlCache.LINKS_CHANGED)
    @Transactional
    public boolean setMapping(@TenantId long orgId, long userId, long controlId, long requirementId, boolean map) {
        if (catalog.findControl(orgId, controlId, true).isEmpty()) {
            throw ControlService.notFound(controlId);
        }
        RequirementRef requirement = frameworks
                .findRequirement(orgId, requirementId)
                .orElseThrow(() -> ApiException.notFound("Requirement " + requirementId));
        OffsetDateTime now = CatalogTime.now();
        boolean changed = map
                ? frameworks.map(orgId, controlId, requirement, userId, now)
                : frameworks.unmap(orgId, controlId, requirementId);
        if (changed) {
            String action = map ? "LINKED" : "UNLINKED";
            catalog.addHistory(
                    orgId,
                    Kind.CONTROL,
                    controlId,
                    action,
                    userId,
                    now,
                    CatalogChanges.link(Kind.REQUIREMENT.field(), requirementId, map));
            catalog.addHistory(
                    orgId,
                    Kind.REQUIREMENT,
                    requirementId,
                    action,
                    userId,
                    now,
                    CatalogChanges.link(Kind.CONTROL.field(), controlId, map));
        }
        return changed;
    }

    private void requireRisk(long orgId, long riskId) {
        if (risks.find(orgId, riskId).isEmpty()) {
            throw ApiException.notFound("Risk " + riskId);
        }
    }
}
