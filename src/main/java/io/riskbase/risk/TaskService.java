package io.riskbase.risk;

import io.riskbase.identity.UserRepository;
import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.events.ChangeEvents;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.risk.TaskViews.TaskInput;
import io.riskbase.risk.TaskViews.TaskView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Treatment tasks of risks. Every write locks its risk first (so the risk's task counts are recomputed one write after
 * the other) and, through {@link RiskService#tasksChanged}, evicts the risk's cached view and announces
 * {@link RiskCache#TASKS_CHANGED} for the lists once it commits.
 */
@ApplicationScoped
public class TaskService {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    TaskRepository tasks;

    @Inject
    RiskRepository risks;

    @Inject
    RiskService riskService;

    @Inject
    UserRepository users;

    @Inject
    Validator validator;

    @Inject
    TaskControls controls;

    @Inject
    ChangeEvents changeEvents;

    @Cached(RiskCache.TASK_LIST)
    public Page<TaskView> ofRisk(@TenantId long orgId, long riskId, PageRequest page) {
        if (risks.find(orgId, riskId).isEmpty()) {
            throw ApiException.notFound("Risk " + riskId);
        }
        long total = tasks.countOfRisk(orgId, riskId);
        List<TaskView> items = tasks.ofRisk(orgId, riskId, page.offset(), page.size()).stream()
                .map(TaskView::of)
                .toList();
        return new Page<>(items, total, page.page(), page.size());
    }

    @Cached(RiskCache.TASK)
    public TaskView get(@TenantId long orgId, long riskId, long id) {
        return tasks.find(orgId, riskId, id).map(TaskView::of).orElseThrow(() -> notFound(riskId, id));
    }

    /** A person's (or everyone's) tasks across risks, earliest due first. */
    @Cached(RiskCache.TASK_SEARCH)
    public Page<TaskView> search(@TenantId long orgId, TaskFilter filter, PageRequest page) {
        List<TaskView> items = tasks.search(orgId, filter, page.offset(), page.size()).stream()
                .map(TaskView::of)
                .toList();
        long total = items.size() < page.size() && (page.page() == 1 || !items.isEmpty())
                ? (long) page.offset() + items.size()
                : tasks.count(orgId, filter);
        return new Page<>(items, total, page.page(), page.size());
    }

    /**
     * The tasks implementing a control, open ones first, then by due date; for the control's impact, which is cached
     * and follows {@link RiskCache#TASKS_CHANGED}.
     */
    public List<TaskView> implementing(long orgId, long controlId, int limit) {
        return tasks.implementing(orgId, controlId, limit).stream()
                .map(TaskView::of)
                .toList();
    }

    @Transactional
    public TaskView create(long orgId, long userId, long riskId, TaskInput input) {
        checkControl(orgId, input.controlId());
        lockRisk(orgId, riskId);
        RiskTask.Content content = input.toContent();
        checkReferences(orgId, content, null);
        RiskTask task = new RiskTask(orgId, riskId, userId, now());
        task.apply(content, now());
        tasks.add(task);
        tasks.recount(orgId, riskId);
        TaskView view = TaskView.of(task);
        changeEvents.publish(orgId, "task.created", "task", task.getId(), Map.of("task", json(view)));
        return view;
    }

    /** A JSON merge patch on the task's current fields, validated like a POST body. */
    @Transactional
    public TaskView patch(long orgId, long userId, long riskId, long id, JsonObject patch) {
        if (patch.get("control_id") instanceof jakarta.json.JsonNumber n && n.isIntegral() && n.longValue() > 0) {
            checkControl(orgId, n.longValue());
        }
        lockRisk(orgId, riskId);
        RiskTask task = tasks.findForUpdate(orgId, riskId, id).orElseThrow(() -> notFound(riskId, id));
        JsonValue version = patch.get("version");
        if (version != null && version.getValueType() != JsonValue.ValueType.NULL) {
            if (!(version instanceof jakarta.json.JsonNumber n) || !n.isIntegral()) {
                throw ApiException.badRequest("version must be an integer");
            }
            if (n.intValue() != task.getVersion()) {
                throw ApiException.conflict("The task is at version " + task.getVersion() + ", not " + n.intValue()
                        + " (stale): read it again and retry");
            }
        }
        JsonObject current = JSONB.fromJson(JSONB.toJson(TaskInput.of(task.content())), JsonObject.class);
        TaskInput merged =
                JSONB.fromJson(Json.createMergePatch(patch).apply(current).toString(), TaskInput.class);
        Set<ConstraintViolation<TaskInput>> violations = validator.validate(merged);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        RiskTask.Content content = merged.toContent();
        if (content.equals(task.content())) {
            return TaskView.of(task);
        }
        checkReferences(orgId, content, task);
        JsonObject before = json(TaskView.of(task));
        task.apply(content, now());
        tasks.flush();
        tasks.recount(orgId, riskId);
        TaskView view = TaskView.of(task);
        changeEvents.publish(
                orgId, "task.updated", "task", id, Map.of("risk_id", riskId, "changes", diff(before, json(view))));
        return view;
    }

    @Transactional
    public void delete(long orgId, long userId, long riskId, long id) {
        lockRisk(orgId, riskId);
        RiskTask task = tasks.findForUpdate(orgId, riskId, id).orElseThrow(() -> notFound(riskId, id));
        tasks.remove(task);
        tasks.recount(orgId, riskId);
        changeEvents.publish(orgId, "task.deleted", "task", id, Map.of("risk_id", riskId));
    }

    private static JsonObject json(TaskView view) {
        return JSONB.fromJson(JSONB.toJson(view), JsonObject.class);
    }

    /** {@code {"field":{"old":…,"new":…}}} for every field that differs, like a risk's history. */
    private static JsonObject diff(JsonObject before, JsonObject after) {
        var changes = Json.createObjectBuilder();
        java.util.Set<String> fields = new java.util.LinkedHashSet<>(before.keySet());
        fields.addAll(after.keySet());
        for (String field : fields) {
            JsonValue old = before.getOrDefault(field, JsonValue.NULL);
            JsonValue now = after.getOrDefault(field, JsonValue.NULL);
            if (!old.equals(now)) {
                changes.add(field, Json.createObjectBuilder().add("old", old).add("new", now));
            }
        }
        return changes.build();
    }

    /** Every task write starts here: 404 for a risk of another organization, and the risk's view evicted on commit. */
    private void lockRisk(long orgId, long riskId) {
        if (risks.findForUpdate(orgId, riskId).isEmpty()) {
            throw ApiException.notFound("Risk " + riskId);
        }
        riskService.tasksChanged(orgId, riskId);
    }

    /**
     * Locks the control, so that its deletion (which clears the reference) cannot pass between this check and the
     * commit. Taken before the risk, in the order a control's deletion takes them (the control, then its risks).
     */
    private void checkControl(long orgId, Long controlId) {
        if (controlId != null && controlId > 0 && !controls.lockIfExists(orgId, controlId)) {
            throw ApiException.badRequest("control_id " + controlId + " is not a control of your organization");
        }
    }

    private void checkReferences(long orgId, RiskTask.Content content, RiskTask existing) {
        if (content.ownerId() != null
                && (existing == null || !content.ownerId().equals(existing.getOwnerId()))
                && users.find(orgId, content.ownerId()).isEmpty()) {
            throw ApiException.badRequest("owner_id " + content.ownerId() + " is not a user of your organization");
        }
        if (content.controlId() != null
                && (existing == null || !content.controlId().equals(existing.getControlId()))) {
            checkControl(orgId, content.controlId());
        }
        if (content.dueDate() != null
                && (content.dueDate().isBefore(RiskInput.MIN_DUE)
                        || content.dueDate().isAfter(RiskInput.MAX_DUE))) {
            throw ApiException.badRequest(
                    "due_date must be between " + RiskInput.MIN_DUE + " and " + RiskInput.MAX_DUE);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static ApiException notFound(long riskId, long id) {
        return ApiException.notFound("Task " + id + " of risk " + riskId);
    }

    /** Streams every task of the organization; outside any transaction (the cursor holds its own). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void export(long orgId, io.riskbase.platform.persistence.TableExport.Format format, java.io.OutputStream out)
            throws java.io.IOException {
        tasks.export(orgId, format, out);
    }
}
