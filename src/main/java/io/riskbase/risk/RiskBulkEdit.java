package io.riskbase.risk;

import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.errors.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Bulk edit: up to {@value #MAX_ITEMS} merge patches, each applied exactly like {@code PATCH /risks/{id}} (same
 * validation, version check, history and audit) in a transaction of its own, so one item's failure does not undo the
 * others. The caches are invalidated once, after the last item, for all of them.
 */
@ApplicationScoped
public class RiskBulkEdit {

    private static final Logger LOG = Logger.getLogger(RiskBulkEdit.class.getName());
    public static final int MAX_ITEMS = 1000;

    /** The outcome of one item: the status its own PATCH would have answered. */
    @Schema(name = "RiskBulkResult")
    @JsonbPropertyOrder({"index", "id", "status", "version", "detail", "errors"})
    public record Result(
            @Schema(description = "position of the item in the request, from 0")
            int index,

            Long id,

            @Schema(description = "200, 400, 404, 409, 412 or 428")
            int status,

            @Schema(description = "the new version (200 only)")
            Integer version,

            String detail,
            @JsonbProperty("errors") List<Problem.FieldError> errors) {}

    /** One item of a bulk edit, as the API documents it (the resource reads the raw JSON). */
    @Schema(name = "RiskBulkItem")
    @JsonbPropertyOrder({"id", "version", "ifMatch", "changes"})
    public record Item(
            @Schema(description = "risk id", required = true)
            long id,

            @Schema(description = "the version last read; a different current version is a 409")
            Integer version,

            @Schema(description = "instead of version: the ETag last read; stale is a 412") @JsonbProperty("if_match")
            String ifMatch,

            @Schema(
                    description = "a JSON merge patch of the risk's fields",
                    required = true,
                    implementation = RiskInput.class)
            Object changes) {}

    @Inject
    RiskService service;

    /** Applies every item; never throws for an item's failure. */
    @CacheInvalidate(namespaces = RiskCache.RISK, changes = RiskCache.RISKS_CHANGED)
    public List<Result> apply(@TenantId long orgId, long userId, List<JsonValue> items) {
        if (items.size() > MAX_ITEMS) {
            throw ApiException.badRequest("At most " + MAX_ITEMS + " items per request, was " + items.size());
        }
        List<Result> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            results.add(item(orgId, userId, i, items.get(i)));
        }
        return results;
    }

    private Result item(long orgId, long userId, int index, JsonValue value) {
        if (!(value instanceof JsonObject item)) {
            return failed(index, null, 400, "item must be an object {id, version, changes}", List.of());
        }
        Long id = item.get("id") instanceof JsonNumber n && n.isIntegral() && n.longValue() > 0 ? n.longValue() : null;
        if (id == null) {
            return failed(
                    index, null, 400, "id must be a positive integer", fields("id", "must be a positive integer"));
        }
        if (!(item.get("changes") instanceof JsonObject changes)) {
            return failed(index, id, 400, "changes must be an object", fields("changes", "must be an object"));
        }
        JsonValue version = item.get("version");
        if (version != null
                && version != JsonValue.NULL
                && !(version instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0)) {
            return failed(
                    index, id, 400, "version must be a whole number", fields("version", "must be a whole number"));
        }
        String ifMatch = item.get("if_match") instanceof JsonString s ? s.getString() : null;
        // the item's version wins over one inside changes: it is what the single PATCH reads from its body
        jakarta.json.JsonObjectBuilder patch = jakarta.json.Json.createObjectBuilder(changes);
        if (version != null) {
            patch.add("version", version);
        } else {
            patch.remove("version");
        }
        try {
            RiskViews.RiskView updated = service.patchItem(orgId, userId, id, patch.build(), ifMatch);
            return new Result(index, id, 200, updated.version(), null, null);
        } catch (ApiException e) {
            return failed(index, id, e.status(), e.getMessage(), e.errors());
        } catch (ConstraintViolationException e) {
            List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                    .map(v -> new Problem.FieldError(RiskImport.field(v.getPropertyPath()), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field))
                    .toList();
            return failed(index, id, 400, "Validation failed", errors);
        } catch (JsonbException e) {
            return failed(index, id, 400, "changes do not fit the risk's fields: " + root(e), List.of());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "bulk edit item " + index + " (risk " + id + ") failed", e);
            return failed(index, id, 500, "the item could not be applied; retry it", List.of());
        }
    }

    private static Result failed(int index, Long id, int status, String detail, List<Problem.FieldError> errors) {
        return new Result(index, id, status, null, detail, errors.isEmpty() ? null : List.copyOf(errors));
    }

    private static List<Problem.FieldError> fields(String field, String message) {
        return List.of(new Problem.FieldError(field, message));
    }

    private static String root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
