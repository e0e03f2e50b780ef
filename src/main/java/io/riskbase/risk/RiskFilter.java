package io.riskbase.risk;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.web.QueryParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The filters of a risk list, parsed from query strings; a value that cannot be understood is a 400 naming the
 * parameter. Lists are sorted and distinct so equal filters are equal values (cache keys).
 *
 * @param text words that must all occur in title or description (null: no text filter)
 */
public record RiskFilter(
        List<Severity> severities,
        List<RiskStatus> statuses,
        Long ownerId,
        String category,
        String text,
        List<String> inherentLevels,
        List<String> residualLevels,
        List<String> targetLevels,
        java.time.OffsetDateTime reviewDueBefore) {

    public static final int MAX_TEXT = 200;
    private static final Pattern CATEGORY = Pattern.compile(RiskInput.CATEGORY);
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");

    private static final Pattern LEVEL = Pattern.compile(Methodology.LEVEL_KEY);

    public static final RiskFilter NONE = new RiskFilter(List.of(), List.of(), null, null, null);

    public RiskFilter {
        severities = List.copyOf(severities);
        statuses = List.copyOf(statuses);
        inherentLevels = List.copyOf(inherentLevels);
        residualLevels = List.copyOf(residualLevels);
        targetLevels = List.copyOf(targetLevels);
    }

    /** Without level filters. */
    public RiskFilter(
            List<Severity> severities, List<RiskStatus> statuses, Long ownerId, String category, String text) {
        this(severities, statuses, ownerId, category, text, List.of(), List.of(), List.of(), null);
    }

    /** Parses the list query parameters; {@code owner=me} means the caller. */
    public static RiskFilter parse(
            String severity, String status, String owner, String category, String q, long callerId) {
        return new RiskFilter(
                enums("severity", severity, Severity.class),
                enums("status", status, RiskStatus.class),
                owner(owner, callerId),
                category(category),
                text("q", q, false));
    }

    /** With the level filters ({@code inherent_level}, {@code residual_level}, {@code target_level}). */
    public RiskFilter withLevels(String inherent, String residual, String target) {
        return new RiskFilter(
                severities,
                statuses,
                ownerId,
                category,
                text,
                levels("inherent_level", inherent),
                levels("residual_level", residual),
                levels("target_level", target),
                reviewDueBefore);
    }

    /**
     * With the review filter: {@code overdue} (due before now) or {@code due_within:P14D} (due before now + the ISO
     * duration, at most 3650 days). {@code now} is truncated to the minute by the caller so equal requests within a
     * minute are equal cache keys.
     */
    public RiskFilter withReview(String value, java.time.OffsetDateTime now) {
        return new RiskFilter(
                severities,
                statuses,
                ownerId,
                category,
                text,
                inherentLevels,
                residualLevels,
                targetLevels,
                review(value, now));
    }

    static java.time.OffsetDateTime review(String value, java.time.OffsetDateTime now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.equalsIgnoreCase("overdue")) {
            return now;
        }
        String prefix = "due_within:";
        if (v.regionMatches(true, 0, prefix, 0, prefix.length())) {
            try {
                java.time.Duration d = java.time.Duration.parse(v.substring(prefix.length()));
                if (!d.isNegative() && d.compareTo(java.time.Duration.ofDays(3650)) <= 0) {
                    return now.plus(d);
                }
            } catch (java.time.format.DateTimeParseException e) {
                // reported below
            }
        }
        throw ApiException.badRequest("Query parameter 'review' must be 'overdue' or 'due_within:' and an ISO duration "
                + "up to P3650D (e.g. due_within:P14D), was '" + QueryParams.abbreviate(value) + "'");
    }

    public RiskFilter withText(String q) {
        return new RiskFilter(
                severities,
                statuses,
                ownerId,
                category,
                q,
                inherentLevels,
                residualLevels,
                targetLevels,
                reviewDueBefore);
    }

    /** Comma-separated level keys, upper-cased; keys the methodology does not have simply match nothing. */
    static List<String> levels(String name, String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> parsed = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String key = part.strip().toUpperCase(java.util.Locale.ROOT);
            if (!LEVEL.matcher(key).matches()) {
                throw ApiException.badRequest("Query parameter '" + name + "' must be level keys ("
                        + Methodology.LEVEL_KEY + "), comma-separated, was '" + QueryParams.abbreviate(value) + "'");
            }
            parsed.add(key);
        }
        if (parsed.size() > 10) {
            throw ApiException.badRequest("Query parameter '" + name + "' names more than 10 levels");
        }
        return parsed.stream().distinct().sorted().toList();
    }

    /** Comma-separated enum values, e.g. {@code status=OPEN,MITIGATING}; case-insensitive. */
    public static <E extends Enum<E>> List<E> enums(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<E> parsed = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            E e = QueryParams.optionalEnum(name, part, type);
            if (e == null) {
                throw ApiException.badRequest(
                        "Query parameter '" + name + "' has an empty value in '" + QueryParams.abbreviate(value) + "'");
            }
            parsed.add(e);
        }
        return parsed.stream().distinct().sorted().toList();
    }

    static Long owner(String value, long callerId) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.equalsIgnoreCase("me")) {
            return callerId;
        }
        if (!v.matches("[0-9]{1,18}") || Long.parseLong(v) == 0) {
            throw ApiException.badRequest(
                    "Query parameter 'owner' must be a user id or 'me', was '" + QueryParams.abbreviate(value) + "'");
        }
        return Long.parseLong(v);
    }

    static String category(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!CATEGORY.matcher(value.strip()).matches()) {
            throw ApiException.badRequest(
                    "Query parameter 'category' must be lower-case letters, digits, '_' or '-' (1-64), was '"
                            + QueryParams.abbreviate(value) + "'");
        }
        return value.strip();
    }

    /** Free text: at most {@value #MAX_TEXT} characters with at least one letter or digit; whitespace collapsed. */
    public static String text(String name, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ApiException.badRequest("Query parameter '" + name + "' is required");
            }
            return null;
        }
        String v = value.strip().replaceAll("\\s+", " ");
        if (v.length() > MAX_TEXT) {
            throw ApiException.badRequest("Query parameter '" + name + "' must be at most " + MAX_TEXT + " characters");
        }
        if (!WORD.matcher(v).find()) {
            throw ApiException.badRequest("Query parameter '" + name + "' must contain a letter or digit");
        }
        return v;
    }

    /** The words of the text filter, lower-cased, for the LIKE fallback (at most 10). */
    public List<String> words() {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty())
                .distinct()
                .limit(10)
                .toList();
    }
}
