package io.riskbase.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 8288 {@code Link} header of a page: {@code first}, {@code prev}, {@code next} and {@code last}, each the
 * request's own path and query with only {@code page} and {@code size} replaced. The targets are path-absolute
 * references (RFC 8288 resolves them against the request URI), so they stay right behind a proxy that rewrites host or
 * scheme. Other query parameters are copied as they came, still percent-encoded.
 */
public final class PageLinks {

    private PageLinks() {}

    /** The header's value; {@code first} and {@code last} are always there, {@code last} = {@code first} when empty. */
    public static String header(String rawPath, String rawQuery, int page, int size, long total) {
        int last = (int) Math.max(1, Math.min(PageRequest.MAX_PAGE, (total + size - 1) / size));
        String base = rawPath + "?" + otherParameters(rawQuery);
        List<String> links = new ArrayList<>(4);
        links.add(link(base, 1, size, "first"));
        if (page > 1) {
            links.add(link(base, Math.min(page - 1, last), size, "prev"));
        }
        if (page < last) {
            links.add(link(base, page + 1, size, "next"));
        }
        links.add(link(base, last, size, "last"));
        return String.join(", ", links);
    }

    private static String otherParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String parameter : rawQuery.split("&")) {
            String name = parameter.split("=", 2)[0];
            if (parameter.isEmpty() || name.equals("page") || name.equals("size")) {
                continue;
            }
            appendSafe(kept, parameter);
            kept.append('&');
        }
        return kept.toString();
    }

    /** Percent-encodes what a lenient server may have let through raw and would end the link target early. */
    private static void appendSafe(StringBuilder out, String parameter) {
        for (byte b : parameter.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || "<>\"\\^`{|}".indexOf(c) >= 0) {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                out.append((char) c);
            }
        }
    }

    private static String link(String base, int page, int size, String rel) {
        return "<" + base + "page=" + page + "&size=" + size + ">; rel=\"" + rel + "\"";
    }
}
