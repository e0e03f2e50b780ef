package io.riskbase.control;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.errors.Problem;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A framework as a CSV table: one requirement per row, columns {@code code,title,description,parent} by header name
 * ({@code parent} is the parent's code, empty at the top; {@code description} and {@code parent} may be left out). The
 * framework's own code, version, name and source come from the query string. The rows become the same
 * {@link FrameworkDocument} a JSON import makes, in tree order (parents before children, siblings in file order), so a
 * CSV and a JSON document of one tree import as the same rows. Checked completely before anything is written: a
 * malformed table is a 400 naming the row (a spreadsheet's numbering, header = 1) of the first errors.
 */
final class FrameworkCsv {

    static final String MEDIA_TYPE = "text/csv";
    static final List<String> COLUMNS = List.of("code", "title", "description", "parent");
    static final Set<String> REQUIRED = Set.of("code", "title");

    private static final CSVFormat READ = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setAllowMissingColumnNames(false)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .setTrim(false)
            .get();

    private record Row(long row, String code, String title, String description, String parent) {}

    private FrameworkCsv() {}

    /** The framework's fields as given in the query string, checked like the JSON document's. */
    record Header(String code, String version, String name, String source) {}

    static FrameworkDocument parse(Header header, Reader reader) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String code = FrameworkDocument.check(header.code(), "code", 64, true, FrameworkDocument.CODE, errors);
        String version =
                FrameworkDocument.check(header.version(), "version", 32, true, FrameworkDocument.VERSION, errors);
        String name = FrameworkDocument.check(header.name(), "name", 200, true, null, errors);
        String source = FrameworkDocument.check(header.source(), "source", 1000, false, null, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        List<Row> rows = read(reader, errors);
        if (errors.isEmpty() && rows.isEmpty()) {
            errors.add(new Problem.FieldError("row 2", "the file has no requirement rows"));
        }
        List<FrameworkDocument.Item> items = errors.isEmpty() ? tree(rows, errors) : List.of();
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors.subList(0, Math.min(errors.size(), FrameworkDocument.MAX_ERRORS)));
        }
        return new FrameworkDocument(code, version, name, source, items);
    }

    private static List<Row> read(Reader reader, List<Problem.FieldError> errors) {
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = READ.parse(reader)) {
            List<String> columns = parser.getHeaderNames();
            if (columns.isEmpty()) {
                throw ApiException.badRequest("The file is empty: the first row must name the columns " + COLUMNS);
            }
            for (String c : REQUIRED.stream().sorted().toList()) {
                if (!columns.contains(c)) {
                    errors.add(new Problem.FieldError("row 1", "column '" + c + "' is missing from the header row"));
                }
            }
            for (String c : columns) {
                if (!COLUMNS.contains(c)) {
                    errors.add(
                            new Problem.FieldError("row 1", "unknown column '" + c + "'; the columns are " + COLUMNS));
                }
            }
            if (!errors.isEmpty()) {
                return rows;
            }
            Set<String> codes = new HashSet<>();
            for (CSVRecord record : parser) {
                long at = record.getRecordNumber() + 1;
                String where = "row " + at;
                if (rows.size() >= FrameworkDocument.MAX_REQUIREMENTS) {
                    errors.add(new Problem.FieldError(
                            where, "more than " + FrameworkDocument.MAX_REQUIREMENTS + " requirements"));
                    return rows;
                }
                if (record.size() != columns.size()) {
                    errors.add(new Problem.FieldError(
                            where, "has " + record.size() + " cells, the header has " + columns.size()));
                } else {
                    String code = FrameworkDocument.check(
                            cell(record, "code"), where + ", code", 64, true, FrameworkDocument.CODE, errors);
                    String title =
                            FrameworkDocument.check(cell(record, "title"), where + ", title", 500, true, null, errors);
                    String description = FrameworkDocument.check(
                            cell(record, "description"), where + ", description", 4000, false, null, errors);
                    String parent = FrameworkDocument.check(
                            cell(record, "parent"), where + ", parent", 64, false, FrameworkDocument.CODE, errors);
                    if (code != null && !codes.add(code)) {
                        errors.add(
                                new Problem.FieldError(where + ", code", "'" + code + "' appears twice in the file"));
                    }
                    rows.add(new Row(at, code, title, description, parent));
                }
                if (errors.size() >= FrameworkDocument.MAX_ERRORS) {
                    return rows;
                }
            }
        } catch (UncheckedIOException e) {
            throw malformed(e.getCause());
        } catch (IOException e) {
            throw malformed(e);
        } catch (IllegalArgumentException e) {
            // a duplicate or empty column name in the header row
            throw ApiException.invalidFields(List.of(new Problem.FieldError("row 1", e.getMessage())));
        }
        return rows;
    }

    private static String cell(CSVRecord record, String column) {
        return record.isMapped(column) ? record.get(column) : null;
    }

    /** Parents must be rows of the file, without cycles and at most {@value FrameworkDocument#MAX_DEPTH} deep. */
    private static List<FrameworkDocument.Item> tree(List<Row> rows, List<Problem.FieldError> errors) {
        Map<String, Row> byCode = new HashMap<>();
        rows.forEach(r -> byCode.put(r.code(), r));
        Map<String, List<Row>> children = new LinkedHashMap<>();
        List<Row> roots = new ArrayList<>();
        for (Row r : rows) {
            if (r.parent() == null) {
                roots.add(r);
            } else if (!byCode.containsKey(r.parent())) {
                errors.add(new Problem.FieldError(
                        "row " + r.row() + ", parent", "'" + r.parent() + "' is not the code of a row in the file"));
            } else if (r.parent().equals(r.code())) {
                errors.add(new Problem.FieldError(
                        "row " + r.row() + ", parent", "a requirement cannot be its own parent"));
            } else {
                children.computeIfAbsent(r.parent(), k -> new ArrayList<>()).add(r);
            }
        }
        if (!errors.isEmpty()) {
            return List.of();
        }
        List<FrameworkDocument.Item> items = new ArrayList<>(rows.size());
        for (Row root : roots) {
            add(root, null, 1, children, items, errors);
        }
        if (errors.isEmpty() && items.size() < rows.size()) {
            // rows never reached from a root sit on a cycle of parents
            Set<String> reached = new HashSet<>();
            items.forEach(i -> reached.add(i.code()));
            rows.stream()
                    .filter(r -> !reached.contains(r.code()))
                    .limit(FrameworkDocument.MAX_ERRORS)
                    .forEach(r -> errors.add(new Problem.FieldError(
                            "row " + r.row() + ", parent", "the parents of '" + r.code() + "' form a cycle")));
        }
        return items;
    }

    private static void add(
            Row row,
            String parent,
            int depth,
            Map<String, List<Row>> children,
            List<FrameworkDocument.Item> items,
            List<Problem.FieldError> errors) {
        if (depth > FrameworkDocument.MAX_DEPTH) {
            errors.add(new Problem.FieldError(
                    "row " + row.row() + ", parent", "nested deeper than " + FrameworkDocument.MAX_DEPTH + " levels"));
            return;
        }
        items.add(new FrameworkDocument.Item(row.code(), parent, row.title(), row.description(), items.size()));
        for (Row child : children.getOrDefault(row.code(), List.of())) {
            add(child, row.code(), depth + 1, children, items, errors);
        }
    }

    private static ApiException malformed(IOException e) {
        if (e instanceof CharacterCodingException) {
            return ApiException.badRequest("The file is not UTF-8 text");
        }
        // commons-csv names the line and position, e.g. "(line 4) invalid char between encapsulated token and …"
        return ApiException.badRequest("The file is not well-formed CSV: " + e.getMessage());
    }
}
