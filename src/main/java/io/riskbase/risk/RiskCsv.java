package io.riskbase.risk;

import io.riskbase.platform.errors.Problem;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;

/**
 * The one table shape of risk import and export: column names, the CSV dialect (RFC 4180, header row, UTF-8), and the
 * mapping between a row and a {@link RiskInput}. Export writes exactly these columns, import reads them by header name,
 * so a file exported from one organization imports into another unchanged.
 */
public final class RiskCsv {

    public static final String EXTERNAL_ID = "external_id";
    public static final String OWNER_EMAIL = "owner_email";
    public static final String TAGS = "tags";

    /** Every column, in export order. */
    public static final List<String> COLUMNS = List.of(
            EXTERNAL_ID,
            "title",
            "description",
            "category",
            "severity",
            "status",
            "likelihood",
            "impact",
            "residual_likelihood",
            "residual_impact",
            "target_likelihood",
            "target_impact",
            "strategy",
            OWNER_EMAIL,
            TAGS,
            "due_date");

    /** Columns a file must have; the others may be absent (then empty). */
    public static final Set<String> REQUIRED = Set.of(EXTERNAL_ID, "title", "category", "likelihood", "impact");

    /** Tags cannot contain ';' (see {@link RiskInput#TAG}), so it separates them inside the one cell. */
    public static final String TAG_SEPARATOR = ";";

    public static final int MAX_EXTERNAL_ID = 200;

    /** The sheet an XLSX export writes and an import reads first (else the workbook's first sheet). */
    public static final String SHEET = "risks";

    public static final CSVFormat READ = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setAllowMissingColumnNames(false)
            .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW)
            .setTrim(false)
            .get();

    private RiskCsv() {}

    /** The cells of a risk in {@link #COLUMNS} order; empty strings for absent values. */
    static List<String> cells(RiskContent c, String externalId, String ownerEmail) {
        List<String> cells = new ArrayList<>(COLUMNS.size());
        cells.add(nz(externalId));
        cells.add(c.title());
        cells.add(nz(c.description()));
        cells.add(c.category());
        cells.add(c.severity().name());
        cells.add(c.status().name());
        cells.add(Integer.toString(c.likelihood()));
        cells.add(Integer.toString(c.impact()));
        cells.add(Integer.toString(c.residual().likelihood()));
        cells.add(Integer.toString(c.residual().impact()));
        cells.add(c.target() == null ? "" : Integer.toString(c.target().likelihood()));
        cells.add(c.target() == null ? "" : Integer.toString(c.target().impact()));
        cells.add(c.strategy() == null ? "" : c.strategy().name());
        cells.add(nz(ownerEmail));
        cells.add(String.join(TAG_SEPARATOR, c.tags()));
        cells.add(c.dueDate() == null ? "" : c.dueDate().toString());
        return cells;
    }

    /**
     * The input a row describes, before the organization's rules (owner, category, scales) are checked; the owner is
     * resolved by the caller and passed as {@code ownerId}. Cells that are not numbers or dates where one is needed are
     * added to {@code errors} under their column name (and the result is then null).
     */
    static RiskInput input(Map<String, String> row, Long ownerId, List<Problem.FieldError> errors) {
        Integer likelihood = integer(row, "likelihood", errors);
        Integer impact = integer(row, "impact", errors);
        Integer rl = integer(row, "residual_likelihood", errors);
        Integer ri = integer(row, "residual_impact", errors);
        Integer tl = integer(row, "target_likelihood", errors);
        Integer ti = integer(row, "target_impact", errors);
        LocalDate due = null;
        String dueText = cell(row, "due_date");
        if (dueText != null) {
            try {
                due = LocalDate.parse(dueText);
            } catch (DateTimeParseException e) {
                errors.add(
                        new Problem.FieldError("due_date", "must be an ISO date (YYYY-MM-DD), was '" + dueText + "'"));
            }
        }
        RiskInput.PairInput residual = pair("residual", rl, ri, errors);
        RiskInput.PairInput target = pair("target", tl, ti, errors);
        if (!errors.isEmpty()) {
            return null;
        }
        String tags = cell(row, TAGS);
        return new RiskInput(
                row.getOrDefault("title", ""),
                cell(row, "description"),
                cell(row, "category"),
                upper(cell(row, "severity")),
                upper(cell(row, "status")),
                likelihood,
                impact,
                ownerId,
                tags == null
                        ? List.of()
                        : Arrays.stream(tags.split(TAG_SEPARATOR, -1)).toList(),
                due,
                residual,
                target,
                upper(cell(row, "strategy")),
                null);
    }

    /** A pair needs both halves or neither. */
    private static RiskInput.PairInput pair(
            String prefix, Integer likelihood, Integer impact, List<Problem.FieldError> errors) {
        if (likelihood == null && impact == null) {
            return null;
        }
        if (likelihood == null || impact == null) {
            errors.add(new Problem.FieldError(
                    prefix + (likelihood == null ? "_likelihood" : "_impact"),
                    "must be given together with " + prefix + (likelihood == null ? "_impact" : "_likelihood")));
            return null;
        }
        return new RiskInput.PairInput(likelihood, impact);
    }

    private static Integer integer(Map<String, String> row, String column, List<Problem.FieldError> errors) {
        String v = cell(row, column);
        if (v == null) {
            return null;
        }
        if (v.matches("[0-9]{1,4}")) {
            return Integer.valueOf(v);
        }
        errors.add(new Problem.FieldError(column, "must be a whole number, was '" + abbreviate(v) + "'"));
        return null;
    }

    /** A cell's value; empty or blank means absent (null). */
    static String cell(Map<String, String> row, String column) {
        String v = row.get(column);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The import column a validation field of {@link RiskInput} comes from. */
    static String column(String field) {
        return switch (field) {
            case "owner_id" -> OWNER_EMAIL;
            case "residual.likelihood" -> "residual_likelihood";
            case "residual.impact" -> "residual_impact";
            case "target.likelihood" -> "target_likelihood";
            case "target.impact" -> "target_impact";
            default -> field;
        };
    }

    /** Skips a UTF-8 byte order mark, which spreadsheet programs write and RFC 4180 does not know. */
    public static Reader withoutBom(Reader in) throws IOException {
        PushbackReader reader = new PushbackReader(in, 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    static String abbreviate(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "…";
    }

    private static String upper(String v) {
        return v == null ? null : v.toUpperCase(java.util.Locale.ROOT);
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }
}
