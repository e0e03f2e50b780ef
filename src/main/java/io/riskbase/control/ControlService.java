package io.riskbase.control;

import io.riskbase.control.CatalogRepository.ControlFilter;
import io.riskbase.control.CatalogRepository.Kind;
import io.riskbase.control.CatalogViews.ControlInput;
import io.riskbase.control.CatalogViews.ControlView;
import io.riskbase.control.CatalogViews.HistoryEntryView;
import io.riskbase.identity.UserRepository;
import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.CacheKey;
import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.risk.RiskCache;
import io.riskbase.risk.RiskService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The controls library of one organization. A control's status and effectiveness feed coverage and impact, so every
 * write announces {@link ControlCache#CONTROLS_CHANGED}; deletion detaches it from risks and requirements at once.
 */
@ApplicationScoped
public class ControlService {

    @Inject
    CatalogRepository catalog;

    @Inject
    FrameworkRepository frameworks;

    @Inject
    UserRepository users;

    @Inject
    RiskService riskService;

    @Cached(ControlCache.CONTROL)
    public ControlView get(@TenantId long orgId, long id) {
        return catalog.findControl(orgId, id, false).map(ControlView::of).orElseThrow(() -> notFound(id));
    }

    @Cached(ControlCache.CONTROL_LIST)
    public Page<ControlView> list(@TenantId long orgId, ControlFilter filter, PageRequest page) {
        List<ControlView> items = catalog.controls(orgId, filter, page.offset(), page.size()).stream()
                .map(ControlView::of)
                .toList();
        return new Page<>(items, catalog.countControls(orgId, filter), page.page(), page.size());
    }

    @Cached(ControlCache.CONTROL_HISTORY)
    public Page<HistoryEntryView> history(@TenantId long orgId, long id, PageRequest page) {
        long total = catalog.countHistory(orgId, Kind.CONTROL, id);
        if (total == 0) {
            throw notFound(id);
        }
        return new Page<>(
                catalog.history(orgId, Kind.CONTROL, id, page.offset(), page.size()), total, page.page(), page.size());
    }

    @CacheInvalidate(changes = ControlCache.CONTROLS_CHANGED, negatives = ControlCache.CONTROL)
    @Transactional
    public ControlView create(@TenantId long orgId, long userId, ControlInput input) {
        Control.Content content = input.toContent();
        checkReferences(orgId, content, null);
        Control control = new Control(orgId, CatalogTime.now());
        control.apply(content, CatalogTime.now());
        catalog.add(control);
        catalog.addHistory(
                orgId,
                Kind.CONTROL,
                control.getId(),
                "CREATED",
                userId,
                control.getCreatedAt(),
                CatalogChanges.diff(JsonObject.EMPTY_JSON_OBJECT, CatalogChanges.snapshot(content)));
        return ControlView.of(control);
    }

    @CacheInvalidate(entries = ControlCache.CONTROL, changes = ControlCache.CONTROLS_CHANGED)
    @Transactional
    public ControlView replace(@TenantId long orgId, long userId, @CacheKey long id, ControlInput input) {
        Control control = catalog.findControl(orgId, id, true).orElseThrow(() -> notFound(id));
        CatalogTime.checkVersion("control", input.version(), control.getVersion());
        Control.Content content = input.toContent();
        if (content.equals(control.content())) {
            return ControlView.of(control);
        }
        checkReferences(orgId, content, control);
        JsonObject before = CatalogChanges.snapshot(control.content());
        control.apply(content, CatalogTime.now());
        catalog.flush();
        catalog.addHistory(
                orgId,
                Kind.CONTROL,
                id,
                "UPDATED",
                userId,
                control.getUpdatedAt(),
                CatalogChanges.diff(before, CatalogChanges.snapshot(content)));
        return ControlView.of(control);
    }

    /**
     * Deletes the control and, in the same transaction, its links to risks and requirements; the tasks that implemented
     * it lose the reference (the database's {@code on delete set null}), so their views are stale too.
     */
    @CacheInvalidate(
            entries = ControlCache.CONTROL,
            changes = {ControlCache.CONTROLS_CHANGED, ControlCache.LINKS_CHANGED, RiskCache.TASKS_CHANGED})
    @Transactional
    public void delete(@TenantId long orgId, long userId, @CacheKey long id) {
        Control control = catalog.findControl(orgId, id, true).orElseThrow(() -> notFound(id));
        List<Long> risks = catalog.detachAll(Kind.CONTROL, orgId, id);
        if (!risks.isEmpty()) {
            riskService.linksChanged(orgId, userId, risks, false, Kind.CONTROL.field(), id);
        }
        OffsetDateTime now = CatalogTime.now();
        for (long requirementId : frameworks.unmapAll(orgId, id)) {
            catalog.addHistory(
                    orgId,
                    Kind.REQUIREMENT,
                    requirementId,
                    "UNLINKED",
                    userId,
                    now,
                    CatalogChanges.link(Kind.CONTROL.field(), id, false));
        }
        JsonObject before = CatalogChanges.snapshot(control.content());
        catalog.remove(control);
        catalog.addHistory(
                orgId,
                Kind.CONTROL,
                id,
                "DELETED",
                userId,
                now,
                CatalogChanges.diff(before, JsonObject.EMPTY_JSON_OBJECT));
    }

    private void checkReferences(long orgId, Control.Content content, Control existing) {
        Control.Content old = existing == null ? null : existing.content();
        if (content.ownerId() != null
                && (old == null || !content.ownerId().equals(old.ownerId()))
                && users.find(orgId, content.ownerId()).isEmpty()) {
            throw ApiException.badRequest("owner_id " + content.ownerId() + " is not a user of your organization");
        }
        if (content.code() != null && (old == null || !Objects.equals(content.code(), old.code()))) {
            catalog.findControlByCode(orgId, content.code()).ifPresent(other -> {
                throw ApiException.conflict("Control " + other.getId() + " already has the code " + content.code());
            });
        }
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("Control " + id);
    }

    /** Streams every control of the organization; outside any transaction (the cursor holds its own). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void export(long orgId, io.riskbase.platform.persistence.TableExport.Format format, java.io.OutputStream out)
            throws java.io.IOException {
        catalog.exportControls(orgId, format, out);
    }
}
