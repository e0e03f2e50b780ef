package io.riskbase.risk;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How an organization scores risks: a likelihood and an impact scale (3-10 levels each, value = position from 1), the
 * named risk levels (lowest first), the grid that gives every (likelihood, impact) cell its level, the appetite (the
 * highest acceptable level) and a review interval per level. Immutable; {@link #validate()} lists what is wrong with a
 * client's document. This record is also the stored JSON document of one version.
 */
@JsonbPropertyOrder({"likelihood", "impact", "levels", "grid", "appetite"})
public record Methodology(
        List<ScaleLevel> likelihood,
        List<ScaleLevel> impact,
        List<Level> levels,
        List<List<String>> grid,
        String appetite) {

    public static final int MIN_SCALE = 3;
    public static final int MAX_SCALE = 10;
    public static final int MAX_LEVELS = 10;
    public static final String LEVEL_KEY = "^[A-Z][A-Z0-9_]{0,31}$";
    private static final Pattern KEY = Pattern.compile(LEVEL_KEY);
    private static final Pattern COLOR = Pattern.compile("^#[0-9a-fA-F]{6}$");

    /** One value of a scale; its value is its position (1 = lowest). */
    @Schema(name = "ScaleLevel")
    @JsonbPropertyOrder({"label", "description"})
    public record ScaleLevel(
            @Schema(maxLength = 64, required = true) String label,
            @Schema(maxLength = 500) String description) {}

    /** A named risk level. */
    @Schema(name = "RiskLevel")
    @JsonbPropertyOrder({"key", "label", "color", "reviewIntervalDays"})
    public record Level(
            @Schema(
                    description = "upper-case key used in filters and in the grid",
                    pattern = LEVEL_KEY,
                    required = true)
            String key,

            @Schema(maxLength = 64, required = true) String label,

            @Schema(description = "#rrggbb", pattern = "^#[0-9a-fA-F]{6}$")
            String color,

            @Schema(description = "days between reviews of a risk whose residual level is this one, 1-3650")
            @JsonbProperty("review_interval_days")
            int reviewIntervalDays) {}

    /**
     * A scored (likelihood, impact) pair: score = likelihood × impact, level and its rank (1 = lowest) from the grid.
     */
    public record Assessment(int likelihood, int impact, int score, String level, int rank) {}

    /** The built-in version 1: today's 5 × 5 scoring; levels exactly as {@link Severity#forScore}. */
    public static final Methodology DEFAULT = defaults();

    private static Methodology defaults() {
        List<List<String>> grid = new ArrayList<>();
        for (int l = 1; l <= 5; l++) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                row.add(Severity.forScore(l * i).name());
            }
            grid.add(List.copyOf(row));
        }
        return new Methodology(
                List.of(
                        new ScaleLevel("Rare", "May occur only in exceptional circumstances"),
                        new ScaleLevel("Unlikely", "Could occur at some time"),
                        new ScaleLevel("Possible", "Might occur at some time"),
                        new ScaleLevel("Likely", "Will probably occur in most circumstances"),
                        new ScaleLevel("Almost certain", "Is expected to occur in most circumstances")),
                List.of(
                        new ScaleLevel("Negligible", null),
                        new ScaleLevel("Minor", null),
                        new ScaleLevel("Moderate", null),
                        new ScaleLevel("Major", null),
                        new ScaleLevel("Severe", null)),
                List.of(
                        new Level("LOW", "Low", "#2e7d32", 365),
                        new Level("MEDIUM", "Medium", "#f9a825", 180),
                        new Level("HIGH", "High", "#ef6c00", 90),
                        new Level("CRITICAL", "Critical", "#c62828", 30)),
                List.copyOf(grid),
                "MEDIUM");
    }

    public int likelihoodLevels() {
        return likelihood.size();
    }

    public int impactLevels() {
        return impact.size();
    }

    /** The level of a pair already checked to be within the scales. */
    public Assessment assess(int l, int i) {
        String key = grid.get(l - 1).get(i - 1);
        return new Assessment(l, i, l * i, key, rank(key));
    }

    /** 1 for the lowest level; 0 for a key this methodology does not have. */
    public int rank(String key) {
        for (int n = 0; n < levels.size(); n++) {
            if (levels.get(n).key().equals(key)) {
                return n + 1;
            }
        }
        return 0;
    }

    public Level level(String key) {
        int rank = rank(key);
        return rank == 0 ? null : levels.get(rank - 1);
    }

    /** Everything wrong with this document, as (field, message) pairs; empty when it is usable. */
    public List<String[]> validate() {
        List<String[]> errors = new ArrayList<>();
        scale("likelihood", likelihood, errors);
        scale("impact", impact, errors);
        Set<String> keys = new HashSet<>();
        if (levels == null || levels.size() < 2 || levels.size() > MAX_LEVELS) {
            errors.add(new String[] {"levels", "must have 2-" + MAX_LEVELS + " levels, lowest first"});
        } else {
            for (Level level : levels) {
                if (level == null
                        || level.key() == null
                        || !KEY.matcher(level.key()).matches()) {
                    errors.add(new String[] {"levels", "each key must match " + LEVEL_KEY});
                } else if (!keys.add(level.key())) {
                    errors.add(new String[] {"levels", "key " + level.key() + " appears twice"});
                }
                if (level != null && !text(level.label(), 64)) {
                    errors.add(new String[] {"levels", "each label must be 1-64 characters"});
                }
                if (level != null
                        && level.color() != null
                        && !COLOR.matcher(level.color()).matches()) {
                    errors.add(new String[] {"levels", "color must be #rrggbb"});
                }
                if (level != null && (level.reviewIntervalDays() < 1 || level.reviewIntervalDays() > 3650)) {
                    errors.add(new String[] {"levels", "review_interval_days must be 1-3650"});
                }
            }
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        if (grid == null || grid.size() != likelihood.size()) {
            errors.add(
                    new String[] {"grid", "must have one row per likelihood value (" + likelihood.size() + " rows)"});
            return errors;
        }
        for (int l = 0; l < grid.size(); l++) {
            List<String> row = grid.get(l);
            if (row == null || row.size() != impact.size()) {
                errors.add(new String[] {
                    "grid", "row " + (l + 1) + " must have one level per impact value (" + impact.size() + ")"
                });
                continue;
            }
            for (int i = 0; i < row.size(); i++) {
                if (!keys.contains(row.get(i))) {
                    errors.add(new String[] {
                        "grid", "cell likelihood " + (l + 1) + " × impact " + (i + 1) + " names no level: " + row.get(i)
                    });
                }
            }
        }
        if (appetite == null || !keys.contains(appetite)) {
            errors.add(new String[] {"appetite", "must be the key of one of the levels " + keys});
        }
        return errors;
    }

    private static void scale(String field, List<ScaleLevel> scale, List<String[]> errors) {
        if (scale == null || scale.size() < MIN_SCALE || scale.size() > MAX_SCALE) {
            errors.add(new String[] {field, "must have " + MIN_SCALE + "-" + MAX_SCALE + " levels, lowest first"});
            return;
        }
        for (ScaleLevel level : scale) {
            if (level == null || !text(level.label(), 64)) {
                errors.add(new String[] {field, "each label must be 1-64 characters"});
                return;
            }
            if (level.description() != null && level.description().length() > 500) {
                errors.add(new String[] {field, "each description must be at most 500 characters"});
                return;
            }
        }
    }

    private static boolean text(String s, int max) {
        return s != null && !s.isBlank() && s.length() <= max;
    }
}
