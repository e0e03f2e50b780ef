package io.riskbase.platform.web;

/**
 * Validated page/size query parameters: page from 1, size from 1 to {@link #MAX_SIZE}, default {@link #DEFAULT_SIZE}.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    public static final int MAX_PAGE = 100_000;

    public static PageRequest of(String page, String size) {
        Integer p = QueryParams.optionalInt("page", page, 1, MAX_PAGE);
        Integer s = QueryParams.optionalInt("size", size, 1, MAX_SIZE);
        return new PageRequest(p == null ? 1 : p, s == null ? DEFAULT_SIZE : s);
    }

    public int offset() {
        return (page - 1) * size;
    }
}
