package io.riskbase.risk;

import io.riskbase.identity.OrganizationSettingsService;
import io.riskbase.identity.UserRepository;
import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.CacheKey;
import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.errors.Problem;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.risk.RiskViews.HistoryEntryView;
import io.riskbase.risk.RiskViews.MatrixCell;
import io.riskbase.risk.RiskViews.MatrixView;
import io.riskbase.risk.RiskViews.ReviewInput;
import io.riskbase.risk.RiskViews.ReviewView;
import io.riskbase.risk.RiskViews.RiskView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonMergePatch;
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
import org.eclipse.microprofile.faulttolerance.Bulkhead;

/**
 * Risks of one organization. Reads are pure functions of (organization, arguments) and return immutable values; every
 * write is one transactional method here that also writes the audit entry.
 */
@ApplicationScoped
public class RiskService {

    private static final Jsonb JSONB = JsonbBuilder.create();

    /**
     * Concurrent text searches that may reach the database on this node (cache hits do not count: the bulkhead sits
     * inside the cache); more are refused with 503 instead of queueing on the pool. Tunable as
     * {@code io.riskbase.risk.RiskService/search/Bulkhead/value}.
     */
    static final int EXPENSIVE_CONCURRENCY = 8;

    @Inject
    RiskRepository risks;

    @Inject
    UserRepository users;

    @Inject
    OrganizationSettingsService settings;

    @Inject
    Validator validator;

    @Inject
    MethodologyService methodologies;

    @Inject
    AcceptanceService acceptances;

    @Inject
    MethodologyRepository methodologyStore;

    @Cached(RiskCache.RISK)
    public RiskView get(@TenantId long orgId, long id) {
        return risks.find(orgId, id).map(RiskView::of).orElseThrow(() -> notFound(id));
    }

    @Cached(RiskCache.LIST)
    public Page<RiskView> list(@TenantId long orgId, RiskFilter filter, RiskSort sort, PageRequest page) {
        Page<Risk> found = risks.list(orgId, filter, sort, page);
        return new Page<>(found.items().stream().map(RiskView::of).toList(), found.total(), found.page(), found.size());
    }

    /** Text search over title and description; ordered by relevance unless another sort is given. */
    @Cached(RiskCache.SEARCH)
    @Bulkhead(EXPENSIVE_CONCURRENCY)
    public Page<RiskView> search(@TenantId long orgId, String text, RiskSort sort, PageRequest page) {
        return list(orgId, RiskFilter.NONE.withText(text), sort, page);
    }

    /**
     * Counts per likelihood × impact of the basis pair of the risks in the given statuses: every cell of the current
     * methodology (25 by default), each with its level.
     */
    @Cached(RiskCache.MATRIX)
    public MatrixView matrix(@TenantId long orgId, List<RiskStatus> statuses, ScoreBasis basis) {
        MethodologyView current = methodologies.current(orgId);
        Methodology m = current.methodology();
        int rows = m.likelihoodLevels();
        int columns = m.impactLevels();
        long[][] counts = new long[rows][columns];
        long total = 0;
        for (RiskRepository.CellCount cell : risks.matrix(orgId, statuses, basis)) {
            // values beyond the scales cannot be stored (a shorter scale needs a mapping); skip them defensively
            if (cell.likelihood() <= rows && cell.impact() <= columns) {
                counts[cell.likelihood() - 1][cell.impact() - 1] = cell.count();
                total += cell.count();
            }
        }
        List<MatrixCell> cells = new java.util.ArrayList<>(rows * columns);
        for (int l = 1; l <= rows; l++) {
            for (int i = 1; i <= columns; i++) {
                cells.add(new MatrixCell(l, i, l * i, m.assess(l, i).level(), counts[l - 1][i - 1]));
            }
        }
        return new MatrixView(
                basis.name().toLowerCase(java.util.Locale.ROOT),
                current.version(),
                List.copyOf(statuses),
                total,
                List.copyOf(cells));
    }

    /** The audit trail of a risk, newest first; still readable after the risk was deleted. */
    @Cached(RiskCache.HISTORY)
    public Page<HistoryEntryView> history(@TenantId long orgId, long riskId, PageRequest page) {
        long total = risks.historyCount(orgId, riskId);
        if (total == 0 && risks.find(orgId, riskId).isEmpty()) {
            throw notFound(riskId);
        }
        List<HistoryEntryView> items = risks.history(orgId, riskId, page.offset(), page.size()).stream()
                .map(h -> new HistoryEntryView(
                        h.getId(),
                        h.getRiskId(),
                        h.getAction(),
                        h.getChangedBy(),
                        h.getChangedAt(),
                        RiskChanges.parse(h.getChanges())))
                .toList();
        return new Page<>(items, total, page.page(), page.size());
    }

    @CacheInvalidate(
            changes = RiskCache.RISKS_CHANGED,
            negatives = {RiskCache.RISK, RiskCache.HISTORY})
    @Transactional
    public RiskView create(@TenantId long orgId, long userId, RiskInput input) {
        MethodologyView methodology = methodologyForWrite(orgId);
        RiskContent content = input.toContent(methodology.methodology());
        boolean wantsAcceptance = content.status() == RiskStatus.ACCEPTED && requiresApproval(orgId);
        if (wantsAcceptance) {
            content = content.withStatus(RiskStatus.OPEN);
        }
        checkReferences(orgId, content, null);
        checkScales(content, methodology);
        OffsetDateTime now = now();
        Risk risk = new Risk(orgId, userId, now);
        risk.apply(content, now, methodology.methodology(), methodology.version());
        risks.add(risk);
        record(risk, RiskHistory.Action.CREATED, userId, Map.of(), now);
        if (wantsAcceptance) {
            risks.flush();
            acceptances.request(risk, userId, null, now);
        }
        return RiskView.of(risk);
    }

    @CacheInvalidate(entries = RiskCache.RISK, changes = RiskCache.RISKS_CHANGED)
    @Transactional
    public RiskView replace(@TenantId long orgId, long userId, @CacheKey long id, RiskInput input, String ifMatch) {
        MethodologyView methodology = methodologyForWrite(orgId);
        Risk risk = risks.findForUpdate(orgId, id).orElseThrow(() -> notFound(id));
        new VersionCheck(ifMatch, input.version()).verify(risk.getVersion(), true);
        return update(risk, userId, input.toContent(methodology.methodology()), methodology);
    }

    /**
     * Applies a JSON merge patch (RFC 7396) to the risk's current fields, then validates the result exactly like a PUT
     * body: a field set to null is cleared (or, if required, rejected).
     */
    @CacheInvalidate(entries = RiskCache.RISK, changes = RiskCache.RISKS_CHANGED)
    @Transactional
    public RiskView patch(@TenantId long orgId, long userId, @CacheKey long id, JsonObject patch, String ifMatch) {
        return applyPatch(orgId, userId, id, patch, ifMatch);
    }

    /**
     * {@link #patch} as one item of a bulk edit: its own transaction, so one item's failure leaves the others, and no
     * cache invalidation of its own ({@link RiskBulkEdit} invalidates once for all items).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public RiskView patchItem(long orgId, long userId, long id, JsonObject patch, String ifMatch) {
        return applyPatch(orgId, userId, id, patch, ifMatch);
    }

    private RiskView applyPatch(long orgId, long userId, long id, JsonObject patch, String ifMatch) {
        MethodologyView methodology = methodologyForWrite(orgId);
        Risk risk = risks.findForUpdate(orgId, id).orElseThrow(() -> notFound(id));
        JsonValue version = patch.get("version");
        Integer patchVersion = version instanceof jakarta.json.JsonNumber n && n.isIntegral() ? n.intValue() : null;
        if (version != null && version.getValueType() != JsonValue.ValueType.NULL && patchVersion == null) {
            throw ApiException.badRequest("version must be an integer");
        }
        new VersionCheck(ifMatch, patchVersion).verify(risk.getVersion(), true);
        JsonObject current = JSONB.fromJson(JSONB.toJson(RiskInput.of(risk.content())), JsonObject.class);
        JsonMergePatch merge = jakarta.json.Json.createMergePatch(patch);
        RiskInput merged = JSONB.fromJson(merge.apply(current).toString(), RiskInput.class);
        Set<ConstraintViolation<RiskInput>> violations = validator.validate(merged);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return update(risk, userId, merged.toContent(methodology.methodology()), methodology);
    }

    @CacheInvalidate(entries = RiskCache.RISK, changes = RiskCache.RISKS_CHANGED)
    @Transactional
    public void delete(@TenantId long orgId, long userId, @CacheKey long id, VersionCheck check) {
        Risk risk = risks.findForUpdate(orgId, id).orElseThrow(() -> notFound(id));
        check.verify(risk.getVersion(), false);
        Map<String, JsonValue> before = RiskChanges.snapshot(risk);
        risks.remove(risk);
        risks.addHistory(new RiskHistory(
                orgId, id, RiskHistory.Action.DELETED, userId, now(), RiskChanges.diff(before, Map.of())));
    }

    /** The recorded reviews of a risk, newest first. */
    @Cached(RiskCache.REVIEWS)
    public Page<ReviewView> reviews(@TenantId long orgId, long riskId, PageRequest page) {
        if (risks.find(orgId, riskId).isEmpty()) {
            throw notFound(riskId);
        }
        List<ReviewView> items = risks.reviews(orgId, riskId, page.offset(), page.size()).stream()
                .map(ReviewView::of)
                .toList();
        return new Page<>(items, risks.reviewCount(orgId, riskId), page.page(), page.size());
    }

    /**
     * Records a review: the risk's next review moves to now + its residual level's interval (in the methodology the
     * risk was scored with, else the current one), with a REVIEWED history entry holding the note.
     */
    @CacheInvalidate(entries = RiskCache.RISK, changes = RiskCache.RISKS_CHANGED)
    @Transactional
    public ReviewView review(@TenantId long orgId, long userId, @CacheKey long id, ReviewInput input) {
        Risk risk = risks.findForUpdate(orgId, id).orElseThrow(() -> notFound(id));
        if (risk.getStatus() == RiskStatus.CLOSED) {
            throw ApiException.conflict("Risk " + id + " is CLOSED: closed risks are not reviewed");
        }
        String note = input == null || input.note() == null || input.note().isBlank()
                ? null
                : input.note().strip();
        Map<String, JsonValue> before = RiskChanges.snapshot(risk);
        OffsetDateTime now = now();
        risk.reviewed(now, scoredWith(orgId, risk));
        risks.flush();
        Map<String, JsonValue> after = new java.util.LinkedHashMap<>(RiskChanges.snapshot(risk));
        after.put("review_note", note == null ? JsonValue.NULL : jakarta.json.Json.createValue(note));
        risks.addHistory(
                new RiskHistory(orgId, id, RiskHistory.Action.REVIEWED, userId, now, RiskChanges.diff(before, after)));
        RiskReview review = new RiskReview(risk, userId, now, note);
        risks.addReview(review);
        risks.flush();
        return ReviewView.of(review);
    }

    /** What an imported row did to the risk with its external id. */
    public enum Upsert {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    /** After an import that wrote many rows: the database's statistics of risks catch up with them. */
    @Transactional
    public void imported(int rowsWritten) {
        if (rowsWritten >= 10_000) {
            risks.refreshStatistics();
        }
    }

    /**
     * The stored risks an import's keys name, for its validation pass: read in a transaction of their own so that they
     * leave the persistence context when it ends. Read without one, Liberty keeps them managed until the job (or the
     * dry run's request) ends: a re-import of 100k rows held every one of them and ran a 256 MB node out of heap.
     */
    @Transactional
    public Map<String, Risk> storedForImport(long orgId, java.util.Collection<String> keys) {
        return risks.byImportKeys(orgId, keys, false);
    }

    /**
     * What an import's rows are checked against beyond Bean Validation, read once per batch rather than once per row:
     * the methodology's scales, the organization's categories, and the owners already read as its users.
     */
    public record ImportRules(MethodologyView methodology, List<String> categories, Set<Long> knownOwners) {}

    public ImportRules importRules(long orgId, MethodologyView methodology, Set<Long> knownOwners) {
        return new ImportRules(methodology, settings.get(orgId).categories(), knownOwners);
    }

    /**
     * The organization's rules a row's content must meet (owner in the organization, category in its settings unless
     * unchanged, due date range, pairs within the scales): the same checks as create and update. Throws the same 400s.
     */
    public void checkImported(long orgId, RiskContent content, Risk existing, ImportRules rules) {
        checkReferences(orgId, content, existing, rules.knownOwners(), rules::categories);
        checkScales(content, rules.methodology());
    }

    /**
     * What one batch of an import leaves for after its rows: their history (with audit entries and events) written
     * together, then the acceptance requests rows asked for, so each risk's events keep their order (created or
     * updated, then accept_requested).
     */
    public static final class ImportBatch {
        // built once the new risks have their ids; in row order
        private final List<java.util.function.Supplier<RiskHistory>> history = new java.util.ArrayList<>();
        private final List<Risk> created = new java.util.ArrayList<>();
        private final List<Risk> acceptanceRequests = new java.util.ArrayList<>();
    }

    /**
     * Writes one imported row inside the import's batch transaction (which invalidates the caches once for the whole
     * batch): a new risk with the external id, or an update of {@code existing} (locked by the caller) through the same
     * path as PUT, which leaves an unchanged risk untouched (no version, no history). Its history goes to the batch;
     * {@link #finishImported} writes it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Upsert upsertImported(
            long orgId,
            long userId,
            String externalId,
            RiskContent content,
            Risk existing,
            MethodologyView m,
            ImportBatch batch) {
        if (existing != null) {
            // a row asking for ACCEPTED while that request is pending already asks for nothing new
            boolean pending = content.status() == RiskStatus.ACCEPTED
                    && existing.getStatus() != RiskStatus.ACCEPTED
                    && existing.getAcceptanceState() == AcceptanceState.PENDING;
            if ((pending ? content.withStatus(existing.getStatus()) : content).equals(existing.content())) {
                return Upsert.UNCHANGED;
            }
            update(existing, userId, content, m, batch);
            return Upsert.UPDATED;
        }
        // as in create: ACCEPTED from a file is a request for acceptance where the organization wants approval
        boolean wantsAcceptance = content.status() == RiskStatus.ACCEPTED && requiresApproval(orgId);
        OffsetDateTime now = now();
        Risk risk = new Risk(orgId, userId, now);
        risk.setExternalId(externalId);
        risk.apply(wantsAcceptance ? content.withStatus(RiskStatus.OPEN) : content, now, m.methodology(), m.version());
        // written with the batch's other new risks in one round trip (finishImported); an IDENTITY persist here
        // would cost one per row
        batch.created.add(risk);
        String changes = RiskChanges.diff(Map.of(), RiskChanges.snapshot(risk));
        batch.history.add(() -> new RiskHistory(orgId, risk.getId(), RiskHistory.Action.CREATED, userId, now, changes));
        if (wantsAcceptance) {
            batch.acceptanceRequests.add(risk);
        }
        return Upsert.CREATED;
    }

    /**
     * Writes what the batch's rows left: history, audit entries and events in one go each, then acceptance requests.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void finishImported(long orgId, long userId, ImportBatch batch) {
        risks.flush();
        risks.insertAll(batch.created);
        risks.addHistories(
                orgId,
                batch.history.stream().map(java.util.function.Supplier::get).toList());
        OffsetDateTime now = now();
        for (Risk risk : batch.acceptanceRequests) {
            acceptances.request(risks.managed(risk), userId, null, now);
        }
    }

    /** The methodology version a risk was scored with (its levels are that version's). */
    private Methodology scoredWith(long orgId, Risk risk) {
        MethodologyView current = methodologies.current(orgId);
        if (current.version() == risk.getMethodologyVersion()) {
            return current.methodology();
        }
        return methodologies.version(orgId, risk.getMethodologyVersion()).methodology();
    }

    /**
     * The risk's tasks changed (its summary with them): evicts its cached view and announces
     * {@link RiskCache#TASKS_CHANGED}, after the caller's transaction commits.
     */
    @CacheInvalidate(entries = RiskCache.RISK, changes = RiskCache.TASKS_CHANGED)
    @Transactional(Transactional.TxType.MANDATORY)
    public void tasksChanged(@TenantId long orgId, @CacheKey long riskId) {
        // the interceptor does the work; it must run inside the task write's transaction
    }

    /**
     * Links of risks to something another feature owns changed: one history entry per risk ({@code field} old → new,
     * e.g. {@code control_id} null → 12 for a link), and {@link RiskCache#LINKS_CHANGED} once the caller's transaction
     * commits. The caller has checked that every risk belongs to the organization.
     */
    @CacheInvalidate(changes = RiskCache.LINKS_CHANGED)
    @Transactional(Transactional.TxType.MANDATORY)
    public void linksChanged(
            @TenantId long orgId, long userId, List<Long> riskIds, boolean linked, String field, long targetId) {
        OffsetDateTime now = now();
        JsonValue target = jakarta.json.Json.createValue(targetId);
        Map<String, JsonValue> before = Map.of(field, linked ? JsonValue.NULL : target);
        Map<String, JsonValue> after = Map.of(field, linked ? target : JsonValue.NULL);
        String changes = RiskChanges.diff(before, after);
        RiskHistory.Action action = linked ? RiskHistory.Action.LINKED : RiskHistory.Action.UNLINKED;
        for (long riskId : riskIds) {
            risks.addHistory(new RiskHistory(orgId, riskId, action, userId, now, changes));
        }
    }

    /**
     * The methodology a write scores with, fixed until it commits: the organization is locked shared (a methodology
     * change locks it exclusively, so it waits for this write and the next writes wait for it), and a cached version
     * older than the stored one (its invalidation still on the way) is replaced by the stored one. Taken before the
     * risk's row lock: a methodology change locks the organization first and the risks it rescores after.
     */
    private MethodologyView methodologyForWrite(long orgId) {
        methodologyStore.lock(orgId, false);
        MethodologyView cached = methodologies.current(orgId);
        return cached.version() == methodologyStore.currentVersion(orgId) ? cached : methodologies.stored(orgId);
    }

    /**
     * Whether a write moving a risk to ACCEPTED becomes an acceptance request (the organization's
     * {@code acceptance_approval} setting) instead of changing the status.
     */
    private boolean requiresApproval(long orgId) {
        return settings.get(orgId).requiresApproval();
    }

    /**
     * An acceptance step changed the risk (status, acceptance, version): evicts its cached view and announces
     * {@link RiskCache#RISKS_CHANGED} (lists, dashboard, acceptances), after the caller's transaction commits.
     */
    @CacheInvalidate(entries = RiskCache.RISK, changes = RiskCache.RISKS_CHANGED)
    @Transactional(Transactional.TxType.MANDATORY)
    public void acceptanceChanged(@TenantId long orgId, @CacheKey long riskId) {
        // the interceptor does the work; it must run inside the acceptance write's transaction
    }

    private RiskView update(Risk risk, long userId, RiskContent content, MethodologyView methodology) {
        return update(risk, userId, content, methodology, null);
    }

    /** With a batch (an import), history and acceptance requests wait for {@link #finishImported}. */
    private RiskView update(
            Risk risk, long userId, RiskContent content, MethodologyView methodology, ImportBatch batch) {
        boolean wantsAcceptance = content.status() == RiskStatus.ACCEPTED
                && risk.getStatus() != RiskStatus.ACCEPTED
                && requiresApproval(risk.getOrgId());
        if (wantsAcceptance) {
            // the status stays until another user approves; a request already pending is the one asked for
            content = content.withStatus(risk.getStatus());
            wantsAcceptance = risk.getAcceptanceState() != AcceptanceState.PENDING;
        }
        if (content.equals(risk.content())) {
            // nothing else changed: no UPDATED entry (the write is idempotent); a request to accept is still made
            if (wantsAcceptance && batch != null) {
                batch.acceptanceRequests.add(risk);
            } else if (wantsAcceptance) {
                acceptances.request(risk, userId, null, now());
            }
            return RiskView.of(risk);
        }
        boolean wasAccepted = risk.getStatus() == RiskStatus.ACCEPTED;
        checkReferences(risk.getOrgId(), content, risk);
        checkScales(content, methodology);
        Map<String, JsonValue> before = RiskChanges.snapshot(risk);
        OffsetDateTime now = now();
        risk.apply(content, now, methodology.methodology(), methodology.version());
        if (wasAccepted && risk.getStatus() != RiskStatus.ACCEPTED) {
            acceptances.leftAccepted(risk, now);
        }
        String changes = RiskChanges.diff(before, RiskChanges.snapshot(risk));
        RiskHistory entry =
                new RiskHistory(risk.getOrgId(), risk.getId(), RiskHistory.Action.UPDATED, userId, now, changes);
        if (batch != null) {
            batch.history.add(() -> entry);
            if (wantsAcceptance) {
                batch.acceptanceRequests.add(risk);
            }
            return null;
        }
        risks.flush();
        risks.addHistory(entry);
        risks.flush();
        if (wantsAcceptance) {
            acceptances.request(risk, userId, null, now);
        }
        return RiskView.of(risk);
    }

    private void record(
            Risk risk, RiskHistory.Action action, long userId, Map<String, JsonValue> before, OffsetDateTime now) {
        risks.addHistory(history(risk, action, userId, before, now));
    }

    private static RiskHistory history(
            Risk risk, RiskHistory.Action action, long userId, Map<String, JsonValue> before, OffsetDateTime now) {
        return new RiskHistory(
                risk.getOrgId(),
                risk.getId(),
                action,
                userId,
                now,
                RiskChanges.diff(before, RiskChanges.snapshot(risk)));
    }

    /**
     * The owner must be a user of the organization; a new or changed category must be one of its settings' categories.
     */
    private void checkReferences(long orgId, RiskContent content, Risk existing) {
        checkReferences(
                orgId, content, existing, Set.of(), () -> settings.get(orgId).categories());
    }

    private void checkReferences(
            long orgId,
            RiskContent content,
            Risk existing,
            Set<Long> knownOwners,
            java.util.function.Supplier<List<String>> organizationCategories) {
        if (content.ownerId() != null
                && (existing == null || !content.ownerId().equals(existing.getOwnerId()))
                && !knownOwners.contains(content.ownerId())
                && users.find(orgId, content.ownerId()).isEmpty()) {
            throw ApiException.badRequest("owner_id " + content.ownerId() + " is not a user of your organization");
        }
        if (existing == null || !content.category().equals(existing.getCategory())) {
            List<String> categories = organizationCategories.get();
            if (!categories.contains(content.category())) {
                throw ApiException.badRequest("category '" + content.category()
                        + "' is not one of the organization's categories " + categories);
            }
        }
        if (content.dueDate() != null
                && (content.dueDate().isBefore(RiskInput.MIN_DUE)
                        || content.dueDate().isAfter(RiskInput.MAX_DUE))) {
            throw ApiException.badRequest(
                    "due_date must be between " + RiskInput.MIN_DUE + " and " + RiskInput.MAX_DUE);
        }
    }

    /** Every pair within the organization's scales: else a 400 naming each field and the range it allows. */
    private static void checkScales(RiskContent content, MethodologyView methodology) {
        int maxL = methodology.methodology().likelihoodLevels();
        int maxI = methodology.methodology().impactLevels();
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        check("likelihood", content.likelihood(), maxL, errors);
        check("impact", content.impact(), maxI, errors);
        check("residual.likelihood", content.residual().likelihood(), maxL, errors);
        check("residual.impact", content.residual().impact(), maxI, errors);
        if (content.target() != null) {
            check("target.likelihood", content.target().likelihood(), maxL, errors);
            check("target.impact", content.target().impact(), maxI, errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
    }

    private static void check(String field, int value, int max, List<Problem.FieldError> errors) {
        if (value < 1 || value > max) {
            String scale = field.endsWith("likelihood") ? "likelihood" : "impact";
            errors.add(new Problem.FieldError(
                    field, "must be between 1 and " + max + " (the organization's " + scale + " scale), was " + value));
        }
    }

    private static OffsetDateTime now() {
        // microseconds: what PostgreSQL stores, so a value read back equals the one returned now
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("Risk " + id);
    }
}
