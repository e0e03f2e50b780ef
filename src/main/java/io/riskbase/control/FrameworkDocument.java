package io.riskbase.control;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.errors.Problem;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A framework import document, checked completely before anything is written. Shape:
 *
 * <pre>{"code": "NIST-CSF", "version": "2.0", "name": "…", "source": "…",
 *  "requirements": [{"code": "GV", "title": "Govern", "description": "…", "requirements": [ … ]}]}</pre>
 *
 * Requirements nest (at most {@value #MAX_DEPTH} levels); codes are unique in the document. A malformed document is a
 * 400 listing the JSON path of the first {@value #MAX_ERRORS} errors.
 */
public record FrameworkDocument(String code, String version, String name, String source, List<Item> requirements) {

    static final int MAX_DEPTH = 6;
    static final int MAX_REQUIREMENTS = 5000;
    static final int MAX_ERRORS = 10;
    static final Pattern CODE = Pattern.compile(CatalogViews.CODE);
    static final Pattern VERSION = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,31}$");

    /** One requirement, its parent's code (null at the top) and its position in document order. */
    public record Item(String code, String parentCode, String title, String description, int position) {}

    public static FrameworkDocument parse(JsonValue body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest("The body must be a JSON object (a framework document)");
        }
        JsonObject doc = body.asJsonObject();
        String code = text(doc, "code", "$.code", 64, true, CODE, errors);
        String version = text(doc, "version", "$.version", 32, true, VERSION, errors);
        String name = text(doc, "name", "$.name", 200, true, null, errors);
        String source = text(doc, "source", "$.source", 1000, false, null, errors);
        List<Item> items = new ArrayList<>();
        JsonValue reqs = doc.get("requirements");
        if (reqs == null
                || reqs.getValueType() != JsonValue.ValueType.ARRAY
                || reqs.asJsonArray().isEmpty()) {
            errors.add(new Problem.FieldError("$.requirements", "must be a non-empty array"));
        } else {
            walk(reqs.asJsonArray(), "$.requirements", null, 1, items, new HashSet<>(), errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
        }
        return new FrameworkDocument(code, version, name, source, List.copyOf(items));
    }

    private static void walk(
            JsonArray array,
            String path,
            String parent,
            int depth,
            List<Item> items,
            Set<String> codes,
            List<Problem.FieldError> errors) {
        for (int i = 0; i < array.size() && errors.size() < MAX_ERRORS; i++) {
            String at = path + "[" + i + "]";
            JsonValue v = array.get(i);
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                errors.add(new Problem.FieldError(at, "must be an object"));
                continue;
            }
            if (items.size() >= MAX_REQUIREMENTS) {
                errors.add(new Problem.FieldError(at, "more than " + MAX_REQUIREMENTS + " requirements"));
                return;
            }
            JsonObject o = v.asJsonObject();
            String code = text(o, "code", at + ".code", 64, true, CODE, errors);
            String title = text(o, "title", at + ".title", 500, true, null, errors);
            String description = text(o, "description", at + ".description", 4000, false, null, errors);
            if (code != null && !codes.add(code)) {
                errors.add(new Problem.FieldError(at + ".code", "'" + code + "' appears twice in the document"));
            }
            items.add(new Item(code, parent, title, description, items.size()));
            JsonValue children = o.get("requirements");
            if (children == null || children.getValueType() == JsonValue.ValueType.NULL) {
                continue;
            }
            if (children.getValueType() != JsonValue.ValueType.ARRAY) {
                errors.add(new Problem.FieldError(at + ".requirements", "must be an array"));
            } else if (depth >= MAX_DEPTH) {
                errors.add(new Problem.FieldError(at + ".requirements", "nested deeper than " + MAX_DEPTH + " levels"));
            } else {
                walk(children.asJsonArray(), at + ".requirements", code, depth + 1, items, codes, errors);
            }
        }
    }

    private static String text(
            JsonObject o,
            String field,
            String path,
            int max,
            boolean required,
            Pattern pattern,
            List<Problem.FieldError> errors) {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                errors.add(new Problem.FieldError(path, "is required"));
            }
            return null;
        }
        if (!(v instanceof JsonString s)) {
            errors.add(new Problem.FieldError(path, "must be a string"));
            return null;
        }
        return check(s.getString(), path, max, required, pattern, errors);
    }

    /** The one check of a text field, for JSON and CSV alike: stripped, bounded, no control characters. */
    static String check(
            String raw, String path, int max, boolean required, Pattern pattern, List<Problem.FieldError> errors) {
        String value = raw == null ? "" : raw.strip();
        if (required && value.isEmpty()) {
            errors.add(new Problem.FieldError(path, "must not be blank"));
            return null;
        }
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > max) {
            errors.add(new Problem.FieldError(path, "must be at most " + max + " characters"));
            return null;
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            errors.add(new Problem.FieldError(path, "must match " + pattern.pattern()));
            return null;
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t') || value.indexOf('\u0000') >= 0) {
            errors.add(new Problem.FieldError(path, "must not contain control characters"));
            return null;
        }
        return value.isEmpty() ? null : value;
    }
}
