package io.riskbase.control;

import io.riskbase.control.CatalogRepository.Kind;
import io.riskbase.control.CatalogViews.HistoryEntryView;
import io.riskbase.control.FrameworkRepository.Mapping;
import io.riskbase.control.FrameworkRepository.Treats;
import io.riskbase.control.FrameworkViews.CoverageView;
import io.riskbase.control.FrameworkViews.FrameworkView;
import io.riskbase.control.FrameworkViews.ImpactView;
import io.riskbase.control.FrameworkViews.ImportResult;
import io.riskbase.control.FrameworkViews.MappedControl;
import io.riskbase.control.FrameworkViews.RequirementCoverage;
import io.riskbase.control.FrameworkViews.RequirementView;
import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.risk.TaskService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Frameworks: idempotent import, reads, and the two tenant-wide aggregates (coverage, control impact), cached. */
@ApplicationScoped
public class FrameworkService {

    /** Risks listed in one control's impact; the total is in the risks endpoint of the control. */
    static final int IMPACT_RISKS = 1000;

    /** Tasks listed in one control's impact. */
    static final int IMPACT_TASKS = 200;

    @Inject
    FrameworkRepository frameworks;

    @Inject
    CatalogRepository catalog;

    @Inject
    TaskService tasks;

    /**
     * Imports a document checked beforehand ({@link FrameworkDocument#parse}). Idempotent by (code, version): a second
     * import of the same document changes no row; a changed one updates titles, descriptions and parents by requirement
     * code and adds new requirements (none is removed: controls may be mapped to them).
     */
    @CacheInvalidate(changes = ControlCache.FRAMEWORKS_CHANGED, negatives = ControlCache.FRAMEWORK)
    @Transactional
    public ImportResult importDocument(@TenantId long orgId, long userId, FrameworkDocument doc) {
        FrameworkView existing =
                frameworks.find(orgId, doc.code(), doc.version()).orElse(null);
        long id;
        if (existing == null) {
            id = frameworks.insert(orgId, doc, userId, CatalogTime.now());
        } else {
            id = existing.id();
            if (!Objects.equals(existing.name(), doc.name()) || !Objects.equals(existing.source(), doc.source())) {
                frameworks.rename(orgId, id, doc.name(), doc.source());
            }
        }
        Map<String, RequirementView> before = new HashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        for (RequirementView r : frameworks.requirements(orgId, id)) {
            before.put(r.code(), r);
        }
        int added = 0;
        for (FrameworkDocument.Item item : doc.requirements()) {
            if (!before.containsKey(item.code())) {
                frameworks.insertRequirement(orgId, id, item);
                added++;
            }
        }
        Map<String, Long> ids = new HashMap<>();
        List<RequirementView> now = frameworks.requirements(orgId, id);
        for (int i = 0; i < now.size(); i++) {
            ids.put(now.get(i).code(), now.get(i).id());
            positions.put(now.get(i).code(), i);
        }
        int updated = 0;
        for (FrameworkDocument.Item item : doc.requirements()) {
            Long parent = item.parentCode() == null ? null : ids.get(item.parentCode());
            RequirementView old = before.get(item.code());
            boolean fresh = old == null;
            boolean changed = !fresh
                    && (!Objects.equals(old.title(), item.title())
                            || !Objects.equals(old.description(), item.description())
                            || !Objects.equals(old.parentId(), parent)
                            || positions.get(item.code()) != item.position());
            if (fresh && parent != null || changed) {
                frameworks.updateRequirement(orgId, ids.get(item.code()), item, parent);
            }
            if (changed) {
                updated++;
                catalog.addHistory(
                        orgId,
                        Kind.REQUIREMENT,
                        old.id(),
                        "UPDATED",
                        userId,
                        CatalogTime.now(),
                        CatalogChanges.diff(
                                requirementFields(old.title(), old.description(), old.parentId()),
                                requirementFields(item.title(), item.description(), parent)));
            }
        }
        return new ImportResult(frameworks.find(orgId, id).orElseThrow(), existing == null, added, updated);
    }

    /** What a re-import can change of a requirement (its position is not history: only the order of its siblings). */
    private static jakarta.json.JsonObject requirementFields(String title, String description, Long parentId) {
        jakarta.json.JsonObjectBuilder o =
                jakarta.json.Json.createObjectBuilder().add("title", title);
        o = description == null ? o.addNull("description") : o.add("description", description);
        o = parentId == null ? o.addNull("parent_id") : o.add("parent_id", parentId);
        return o.build();
    }

    @Cached(ControlCache.FRAMEWORK_LIST)
    public List<FrameworkView> list(@TenantId long orgId) {
        return frameworks.list(orgId);
    }

    @Cached(ControlCache.FRAMEWORK)
    public FrameworkView get(@TenantId long orgId, long id) {
        return frameworks.find(orgId, id).orElseThrow(() -> notFound(id));
    }

    @Cached(ControlCache.REQUIREMENTS)
    public List<RequirementView> requirements(@TenantId long orgId, long id) {
        get(orgId, id);
        return frameworks.requirements(orgId, id);
    }

    /**
     * Per requirement: the mapped controls with status and effectiveness, the risks they treat, and the roll-up
     * ({@link Coverage}). Three indexed queries whatever the size of the framework.
     */
    @Cached(ControlCache.COVERAGE)
    public CoverageView coverage(@TenantId long orgId, long id) {
        FrameworkView framework = frameworks.find(orgId, id).orElseThrow(() -> notFound(id));
        List<RequirementView> requirements = frameworks.requirements(orgId, id);
        Map<Long, List<MappedControl>> mapped = new HashMap<>();
        for (Mapping m : frameworks.mappings(orgId, id)) {
            mapped.computeIfAbsent(m.requirementId(), k -> new ArrayList<>()).add(m.control());
        }
        Map<Long, List<Long>> risksOfControl = new HashMap<>();
        for (Treats t : frameworks.treated(orgId, id)) {
            risksOfControl
                    .computeIfAbsent(t.controlId(), k -> new ArrayList<>())
                    .add(t.riskId());
        }
        List<Coverage.Node> nodes = new ArrayList<>(requirements.size());
        for (RequirementView r : requirements) {
            List<Control.Status> statuses = mapped.getOrDefault(r.id(), List.of()).stream()
                    .map(MappedControl::status)
                    .toList();
            nodes.add(new Coverage.Node(r.id(), r.parentId(), statuses));
        }
        Map<Long, Coverage.Result> results = Coverage.rollUp(nodes);
        List<RequirementCoverage> out = new ArrayList<>(requirements.size());
        Coverage.Counts summary = Coverage.Counts.NONE;
        for (RequirementView r : requirements) {
            List<MappedControl> controls = List.copyOf(mapped.getOrDefault(r.id(), List.of()));
            TreeSet<Long> risks = new TreeSet<>();
            controls.forEach(c -> risks.addAll(risksOfControl.getOrDefault(c.id(), List.of())));
            Coverage.Result result = results.get(r.id());
            if (r.parentId() == null) {
                summary = summary.plus(result.leaves());
            }
            out.add(new RequirementCoverage(
                    r.id(),
                    r.parentId(),
                    r.code(),
                    r.title(),
                    result.status(),
                    result.leaves(),
                    controls,
                    List.copyOf(risks)));
        }
        return new CoverageView(framework, summary, List.copyOf(out));
    }

    /**
     * A requirement's audit trail, newest first: controls mapped and unmapped (a control's deletion included) and what
     * re-imports changed. Empty, not 404, for a requirement nothing has happened to; 404 unless the requirement is one
     * of that framework in the organization.
     */
    @Cached(ControlCache.REQUIREMENT_HISTORY)
    public Page<HistoryEntryView> requirementHistory(
            @TenantId long orgId, long frameworkId, long requirementId, PageRequest page) {
        if (frameworks
                .findRequirement(orgId, requirementId)
                .filter(r -> r.frameworkId() == frameworkId)
                .isEmpty()) {
            throw ApiException.notFound("Requirement " + requirementId + " of framework " + frameworkId);
        }
        return new Page<>(
                catalog.history(orgId, Kind.REQUIREMENT, requirementId, page.offset(), page.size()),
                catalog.countHistory(orgId, Kind.REQUIREMENT, requirementId),
                page.page(),
                page.size());
    }

    /** The risks and requirements that depend on a control. */
    @Cached(ControlCache.IMPACT)
    public ImpactView impact(@TenantId long orgId, long controlId) {
        if (catalog.findControl(orgId, controlId, false).isEmpty()) {
            throw ControlService.notFound(controlId);
        }
        return new ImpactView(
                controlId,
                catalog.risksOf(Kind.CONTROL, orgId, controlId, 0, IMPACT_RISKS),
                frameworks.requirementsOfControl(orgId, controlId),
                tasks.implementing(orgId, controlId, IMPACT_TASKS));
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("Framework " + id);
    }
}
