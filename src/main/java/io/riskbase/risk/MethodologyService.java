package io.riskbase.risk;

import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.errors.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * An organization's risk methodology: read by every risk write (cached), changed by ADMINs. A change is a new version;
 * risks keep the version they were scored with, except those whose values a shorter scale removes, which are rescored
 * with the mapping the request gives (or the change is refused with 409).
 */
@ApplicationScoped
public class MethodologyService {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    io.riskbase.platform.events.ChangeEvents changeEvents;

    @Inject
    MethodologyRepository methodologies;

    @Inject
    RiskRepository risks;

    @Cached(RiskCache.METHODOLOGY)
    public MethodologyView current(@TenantId long orgId) {
        return methodologies.current(orgId).map(MethodologyService::view).orElse(MethodologyView.DEFAULT);
    }

    /** The current methodology as stored now, past the cache (a risk write that found its cached one outdated). */
    public MethodologyView stored(long orgId) {
        return methodologies.current(orgId).map(MethodologyService::view).orElse(MethodologyView.DEFAULT);
    }

    @Cached(RiskCache.METHODOLOGY)
    public MethodologyView version(@TenantId long orgId, int version) {
        if (version == 1 && methodologies.find(orgId, 1).isEmpty()) {
            return MethodologyView.DEFAULT;
        }
        return methodologies
                .find(orgId, version)
                .map(MethodologyService::view)
                .orElseThrow(() -> ApiException.notFound("Methodology version " + version));
    }

    /**
     * Stores the methodology as the next version. Values a shorter scale removes must each be mapped (when risks use
     * them); the risks using them are rescored in the same transaction, with a history entry each.
     */
    @CacheInvalidate(
            namespaces = RiskCache.METHODOLOGY,
            changes = {RiskCache.METHODOLOGY_CHANGED, RiskCache.RISKS_CHANGED})
    @Transactional
    public MethodologyView replace(@TenantId long orgId, long userId, MethodologyInput input) {
        Methodology next = input.toMethodology();
        List<Problem.FieldError> errors = new ArrayList<>();
        next.validate().forEach(e -> errors.add(new Problem.FieldError(e[0], e[1])));
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        // waits for the risk writes in flight (they hold the lock shared); the ones after see the new version
        methodologies.lock(orgId, true);
        MethodologyView current =
                methodologies.current(orgId).map(MethodologyService::view).orElse(MethodologyView.DEFAULT);
        Methodology before = current.methodology();
        MethodologyInput.ValueMapping mapping = input.mapping();
        Map<Integer, Integer> likelihoodMap = mapping(
                "mapping.likelihood",
                mapping == null ? null : mapping.likelihood(),
                before.likelihoodLevels(),
                next.likelihoodLevels());
        Map<Integer, Integer> impactMap = mapping(
                "mapping.impact",
                mapping == null ? null : mapping.impact(),
                before.impactLevels(),
                next.impactLevels());
        SortedMap<Integer, Long> likelihoodUsed = risks.valuesAbove(orgId, "likelihood", next.likelihoodLevels());
        SortedMap<Integer, Long> impactUsed = risks.valuesAbove(orgId, "impact", next.impactLevels());
        List<String> unmapped = new ArrayList<>();
        likelihoodUsed.forEach((value, count) -> {
            if (!likelihoodMap.containsKey(value)) {
                unmapped.add("likelihood " + value + " (" + count + (count == 1 ? " risk)" : " risks)"));
            }
        });
        impactUsed.forEach((value, count) -> {
            if (!impactMap.containsKey(value)) {
                unmapped.add("impact " + value + " (" + count + (count == 1 ? " risk)" : " risks)"));
            }
        });
        int version = current.version() + 1;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<Risk> affected = risks.usingValuesAbove(orgId, next.likelihoodLevels(), next.impactLevels());
        if (!unmapped.isEmpty()) {
            throw ApiException.conflict(affected.size() + (affected.size() == 1 ? " risk uses" : " risks use")
                    + " scale values this change removes: " + String.join(", ", unmapped)
                    + ". Send \"mapping\" (e.g. {\"likelihood\":{\"5\":4}}) to rescore them, or keep the values.");
        }
        for (Risk risk : affected) {
            RiskContent old = risk.content();
            RiskContent.Pair target = old.target() == null ? null : map(old.target(), likelihoodMap, impactMap);
            RiskContent rescaled = old.withPairs(
                    map(new RiskContent.Pair(old.likelihood(), old.impact()), likelihoodMap, impactMap),
                    map(old.residual(), likelihoodMap, impactMap),
                    target);
            Map<String, JsonValue> snapshot = RiskChanges.snapshot(risk);
            risk.apply(rescaled, now, next, version);
            risks.flush();
            risks.addHistory(new RiskHistory(
                    orgId,
                    risk.getId(),
                    RiskHistory.Action.UPDATED,
                    userId,
                    now,
                    RiskChanges.diff(snapshot, RiskChanges.snapshot(risk))));
        }
        try {
            methodologies.add(new MethodologyVersion(orgId, version, JSONB.toJson(next), userId, now));
        } catch (PersistenceException e) {
            throw ApiException.conflict("The methodology was changed at the same time; read it again and retry");
        }
        MethodologyView view = MethodologyView.of(version, now, userId, next);
        changeEvents.publish(
                orgId,
                "methodology.updated",
                "methodology",
                orgId,
                Map.of(
                        "version",
                        version,
                        "rescored_risks",
                        affected.size(),
                        "methodology",
                        JSONB.fromJson(JSONB.toJson(next), jakarta.json.JsonObject.class)));
        return view;
    }

    private static RiskContent.Pair map(
            RiskContent.Pair p, Map<Integer, Integer> likelihoodMap, Map<Integer, Integer> impactMap) {
        return new RiskContent.Pair(
                likelihoodMap.getOrDefault(p.likelihood(), p.likelihood()),
                impactMap.getOrDefault(p.impact(), p.impact()));
    }

    /** Keys must be removed values (above the new size, within the old), values within the new scale. */
    private static Map<Integer, Integer> mapping(String field, Map<String, Integer> given, int oldSize, int newSize) {
        Map<Integer, Integer> parsed = new HashMap<>();
        if (given == null) {
            return parsed;
        }
        for (Map.Entry<String, Integer> e : given.entrySet()) {
            int from;
            try {
                from = Integer.parseInt(e.getKey());
            } catch (NumberFormatException ex) {
                from = -1;
            }
            if (from <= newSize || from > Math.max(oldSize, newSize)) {
                throw ApiException.invalidFields(List.of(new Problem.FieldError(
                        field,
                        "maps only removed values (" + (newSize + 1) + "-" + oldSize + "), not '"
                                + abbreviate(e.getKey()) + "'")));
            }
            if (e.getValue() == null || e.getValue() < 1 || e.getValue() > newSize) {
                throw ApiException.invalidFields(
                        List.of(new Problem.FieldError(field, "values must be within the new scale, 1-" + newSize)));
            }
            parsed.put(from, e.getValue());
        }
        return parsed;
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }

    private static MethodologyView view(MethodologyVersion stored) {
        return MethodologyView.of(
                stored.getVersion(),
                stored.getCreatedAt(),
                stored.getCreatedBy(),
                JSONB.fromJson(stored.getDocument(), Methodology.class));
    }
}
