package io.riskbase.risk;

import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.risk.AcceptanceViews.AcceptanceView;
import io.riskbase.risk.AcceptanceViews.ApprovalInput;
import io.riskbase.risk.AcceptanceViews.RejectionInput;
import io.riskbase.risk.AcceptanceViews.RequestInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maker-checker acceptance of risks. A request (made here, or by a risk write to ACCEPTED in an organization with
 * {@code acceptance_approval} on) leaves the status alone; an approval by a different user with approval rights makes
 * the risk ACCEPTED until the approval's expiry, when {@link AcceptanceExpiry} returns it to OPEN. Every step writes a
 * risk history entry (and with it the organization audit log) and moves the risk's version, so every write here evicts
 * the risk and announces {@link RiskCache#RISKS_CHANGED} through {@link RiskService#acceptanceChanged}.
 */
@ApplicationScoped
public class AcceptanceService {

    /** {@code Json.create…} looks the provider up again on every call (a service-loader scan): once is enough. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** The furthest an approval may reach. */
    static final int MAX_YEARS = 3;

    @Inject
    RiskRepository risks;

    @Inject
    AcceptanceRepository acceptances;

    @Inject
    RiskService riskService;

    @Cached(RiskCache.ACCEPTANCES)
    public Page<AcceptanceView> list(@TenantId long orgId, long riskId, PageRequest page) {
        if (risks.find(orgId, riskId).isEmpty()) {
            throw riskNotFound(riskId);
        }
        List<AcceptanceView> items = acceptances.ofRisk(orgId, riskId, page.offset(), page.size()).stream()
                .map(AcceptanceView::of)
                .toList();
        return new Page<>(items, acceptances.countOfRisk(orgId, riskId), page.page(), page.size());
    }

    @Cached(RiskCache.ACCEPTANCES)
    public AcceptanceView get(@TenantId long orgId, long riskId, long id) {
        return acceptances.find(orgId, riskId, id).map(AcceptanceView::of).orElseThrow(() -> notFound(id));
    }

    @Transactional
    public AcceptanceView request(@TenantId long orgId, long userId, long riskId, RequestInput input) {
        Risk risk = risks.findForUpdate(orgId, riskId).orElseThrow(() -> riskNotFound(riskId));
        String note = input == null || input.note() == null || input.note().isBlank()
                ? null
                : input.note().strip();
        RiskAcceptance acceptance = request(risk, userId, note, now());
        riskService.acceptanceChanged(orgId, riskId);
        return AcceptanceView.of(acceptance);
    }

    /**
     * Opens a request on a locked risk (also for a risk write that asked for ACCEPTED). A CLOSED or already ACCEPTED
     * risk, or one with a request pending, is a 409.
     */
    RiskAcceptance request(Risk risk, long userId, String note, OffsetDateTime now) {
        if (risk.getAcceptanceState() == AcceptanceState.PENDING) {
            throw ApiException.conflict(
                    "Risk " + risk.getId() + " already has acceptance request " + risk.getAcceptanceId() + " pending");
        }
        if (risk.getStatus() == RiskStatus.ACCEPTED) {
            throw ApiException.conflict("Risk " + risk.getId() + " is already ACCEPTED");
        }
        if (risk.getStatus() == RiskStatus.CLOSED) {
            throw ApiException.conflict("Risk " + risk.getId() + " is CLOSED: closed risks are not accepted");
        }
        RiskAcceptance acceptance = new RiskAcceptance(risk.getOrgId(), risk.getId(), userId, now, note);
        acceptances.add(acceptance);
        acceptances.flush();
        risk.acceptanceRequested(acceptance.getId(), now);
        Map<String, JsonValue> extra = new LinkedHashMap<>();
        extra.put("acceptance_id", JSON.createValue(acceptance.getId()));
        extra.put("acceptance_note", note == null ? JsonValue.NULL : JSON.createValue(note));
        history(risk, RiskHistory.Action.ACCEPT_REQUESTED, userId, now, Map.of(), extra);
        return acceptance;
    }

    /** Approves another user's request: the risk becomes ACCEPTED until the expiry. The requester gets 403. */
    @Transactional
    public AcceptanceView approve(@TenantId long orgId, long userId, long riskId, long id, ApprovalInput input) {
        OffsetDateTime now = now();
        OffsetDateTime expiresAt = expiry(input.expiresAt(), now);
        Risk risk = risks.findForUpdate(orgId, riskId).orElseThrow(() -> riskNotFound(riskId));
        RiskAcceptance acceptance = pending(orgId, riskId, id, userId);
        if (risk.getStatus() == RiskStatus.CLOSED) {
            throw ApiException.conflict("Risk " + riskId + " is CLOSED: reject the request instead");
        }
        Map<String, JsonValue> before = RiskChanges.snapshot(risk);
        String justification = input.justification().strip();
        acceptance.approve(userId, now, justification, expiresAt);
        risk.acceptanceApproved(acceptance.getId(), expiresAt, now);
        Map<String, JsonValue> extra = new LinkedHashMap<>();
        extra.put("acceptance_id", JSON.createValue(acceptance.getId()));
        extra.put("justification", JSON.createValue(justification));
        extra.put("expires_at", JSON.createValue(expiresAt.toString()));
        history(risk, RiskHistory.Action.ACCEPT_APPROVED, userId, now, before, extra);
        riskService.acceptanceChanged(orgId, riskId);
        return AcceptanceView.of(acceptance);
    }

    /** Rejects another user's request: the risk keeps its status. The requester gets 403. */
    @Transactional
    public AcceptanceView reject(@TenantId long orgId, long userId, long riskId, long id, RejectionInput input) {
        OffsetDateTime now = now();
        Risk risk = risks.findForUpdate(orgId, riskId).orElseThrow(() -> riskNotFound(riskId));
        RiskAcceptance acceptance = pending(orgId, riskId, id, userId);
        String justification = input.justification().strip();
        acceptance.reject(userId, now, justification);
        risk.acceptanceCleared(now);
        Map<String, JsonValue> extra = new LinkedHashMap<>();
        extra.put("acceptance_id", JSON.createValue(acceptance.getId()));
        extra.put("justification", JSON.createValue(justification));
        history(risk, RiskHistory.Action.ACCEPT_REJECTED, userId, now, RiskChanges.snapshot(risk), extra);
        riskService.acceptanceChanged(orgId, riskId);
        return AcceptanceView.of(acceptance);
    }

    /**
     * Returns the risk of one expired approval to OPEN, due for review, if this call claims it: false when it was no
     * longer due (another node got it first, or a write ended it). Runs without a caller: the history entry has no user
     * and the audit entry is a system action.
     */
    @Transactional
    public boolean expire(@TenantId long orgId, long riskId, long id) {
        OffsetDateTime now = now();
        if (acceptances.claimExpired(orgId, id, now) != 1) {
            return false;
        }
        riskService.acceptanceChanged(orgId, riskId);
        Risk risk = risks.findForUpdate(orgId, riskId).orElse(null);
        if (risk == null || risk.getAcceptanceId() == null || risk.getAcceptanceId() != id) {
            // the risk moved on (a newer request): the claim only closes this approval
            return true;
        }
        Map<String, JsonValue> before = RiskChanges.snapshot(risk);
        risk.acceptanceExpired(now);
        Map<String, JsonValue> extra = new LinkedHashMap<>();
        extra.put("acceptance_id", JSON.createValue(id));
        history(risk, RiskHistory.Action.ACCEPT_EXPIRED, null, now, before, extra);
        return true;
    }

    /**
     * A risk write (in the caller's transaction, risk locked) moved the risk out of ACCEPTED: its approval ends early,
     * so the expiry job leaves it alone.
     */
    void leftAccepted(Risk risk, OffsetDateTime now) {
        if (risk.getAcceptanceState() != AcceptanceState.APPROVED) {
            return;
        }
        acceptances
                .findForUpdate(risk.getOrgId(), risk.getId(), risk.getAcceptanceId())
                .ifPresent(a -> a.end(now));
        risk.acceptanceCleared(now);
    }

    private RiskAcceptance pending(long orgId, long riskId, long id, long userId) {
        RiskAcceptance acceptance = acceptances.findForUpdate(orgId, riskId, id).orElseThrow(() -> notFound(id));
        if (acceptance.getState() != AcceptanceState.PENDING) {
            throw ApiException.conflict(
                    "Acceptance " + id + " is " + acceptance.getState() + ": only a PENDING request is decided");
        }
        if (acceptance.getRequestedBy() != null && acceptance.getRequestedBy() == userId) {
            throw ApiException.forbidden(
                    "Acceptance " + id + " was requested by you: another user with approval rights decides it");
        }
        return acceptance;
    }

    private void history(
            Risk risk,
            RiskHistory.Action action,
            Long userId,
            OffsetDateTime now,
            Map<String, JsonValue> before,
            Map<String, JsonValue> extra) {
        risks.flush();
        Map<String, JsonValue> after = new LinkedHashMap<>(RiskChanges.snapshot(risk));
        after.putAll(extra);
        Map<String, JsonValue> was = new LinkedHashMap<>(before.isEmpty() ? RiskChanges.snapshot(risk) : before);
        risks.addHistory(
                new RiskHistory(risk.getOrgId(), risk.getId(), action, userId, now, RiskChanges.diff(was, after)));
        risks.flush();
    }

    /** An RFC 3339 date-time, or a date (its start in UTC): in the future, at most {@link #MAX_YEARS} ahead. */
    static OffsetDateTime expiry(String text, OffsetDateTime now) {
        OffsetDateTime at;
        try {
            at = text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC)
                    : OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    "expires_at must be an RFC 3339 date-time or a date (2027-06-30), was '" + text + "'");
        }
        if (!at.isAfter(now)) {
            throw ApiException.badRequest("expires_at must be in the future, was " + text);
        }
        if (at.isAfter(now.plusYears(MAX_YEARS))) {
            throw ApiException.badRequest("expires_at must be at most " + MAX_YEARS + " years ahead, was " + text);
        }
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static ApiException riskNotFound(long id) {
        return ApiException.notFound("Risk " + id);
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("Acceptance " + id);
    }
}
