package io.riskbase.platform.web;

import io.riskbase.platform.errors.ApiException;

/**
 * Parses query parameters taken as strings, so that a malformed value is a 400 naming the parameter (JAX-RS itself
 * would answer 404 for an unconvertible query parameter).
 */
public final class QueryParams {

    private QueryParams() {}

    public static Integer optionalInt(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw ApiException.badRequest(
                        "Query parameter '" + name + "' must be between " + min + " and " + max + ", was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(
                    "Query parameter '" + name + "' must be an integer, was '" + abbreviate(value) + "'");
        }
    }

    public static <E extends Enum<E>> E optionalEnum(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Query parameter '" + name + "' must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", was '" + abbreviate(value) + "'");
        }
    }

    public static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
