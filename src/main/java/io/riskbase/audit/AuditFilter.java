package io.riskbase.audit;

import io.riskbase.platform.errors.ApiException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an audit query asks for: the entries after a sequence number (the cursor), optionally of one actor, action,
 * object type or object, and within a time range ({@code from} inclusive, {@code to} exclusive). Builds its own SQL
 * with bind parameters only.
 */
public record AuditFilter(
        long after,
        Long actorId,
        String action,
        String objectType,
        String objectId,
        OffsetDateTime from,
        OffsetDateTime to) {

    public static final AuditFilter ALL = new AuditFilter(0, null, null, null, null, null, null);

    public static AuditFilter parse(
            String after, String actor, String action, String objectType, String objectId, String from, String to) {
        return new AuditFilter(
                after == null ? 0 : number("after", after),
                actor == null ? null : number("actor", actor),
                text("action", action),
                text("object_type", objectType),
                text("object_id", objectId),
                time("from", from),
                time("to", to));
    }

    private static long number(String name, String value) {
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw ApiException.badRequest(name + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number");
        }
    }

    private static String text(String name, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > 64) {
            throw ApiException.badRequest(name + " must be 1 to 64 characters");
        }
        return value;
    }

    private static OffsetDateTime time(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    name + " must be an ISO-8601 date-time with offset, e.g. 2026-01-31T00:00:00Z");
        }
    }

    /** The where clause (after {@code where}) and its parameters, the organization first. */
    String where(long orgId, long upToSeq, List<Object> params) {
        List<String> terms = new ArrayList<>(List.of("org_id = ?", "seq > ?"));
        params.add(orgId);
        params.add(after);
        if (upToSeq >= 0) {
            terms.add("seq <= ?");
            params.add(upToSeq);
        }
        if (actorId != null) {
            terms.add("actor_id = ?");
            params.add(actorId);
        }
        if (action != null) {
            terms.add("action = ?");
            params.add(action);
        }
        if (objectType != null) {
            terms.add("object_type = ?");
            params.add(objectType);
        }
        if (objectId != null) {
            terms.add("object_id = ?");
            params.add(objectId);
        }
        if (from != null) {
            terms.add("at >= ?");
            params.add(from);
        }
        if (to != null) {
            terms.add("at < ?");
            params.add(to);
        }
        return String.join(" and ", terms);
    }
}
