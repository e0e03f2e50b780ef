package io.riskbase.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@link Page} as the cache stores it, JSON-B's encoding of the record: an object with the {@code items} array and
 * three numbers. The answer's body is the array exactly as stored and its total a number beside it, so a cached page is
 * sent without decoding its items. Only the numbers lie outside the array, so its first {@code [} after the
 * {@code "items":} key and the object's last {@code ]} bound it, whatever the order of the fields and whatever the
 * items' strings hold.
 */
record StoredPage(byte[] items, long total) {

    private static final byte[] ITEMS = "\"items\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOTAL = "\"total\":".getBytes(StandardCharsets.US_ASCII);

    static StoredPage of(byte[] json) {
        int key = indexOf(json, ITEMS, 0, json.length);
        int start = key < 0 ? -1 : key + ITEMS.length;
        int end = lastIndexOf(json, (byte) ']') + 1;
        if (start < 0 || json[start] != '[' || end <= start) {
            throw new IllegalArgumentException("not a stored page: " + preview(json));
        }
        int total = indexOf(json, TOTAL, end, json.length);
        if (total < 0) {
            total = indexOf(json, TOTAL, 0, key);
        }
        if (total < 0) {
            throw new IllegalArgumentException("a stored page without its total: " + preview(json));
        }
        return new StoredPage(Arrays.copyOfRange(json, start, end), number(json, total + TOTAL.length));
    }

    private static long number(byte[] json, int from) {
        long value = 0;
        for (int i = from; i < json.length && json[i] >= '0' && json[i] <= '9'; i++) {
            value = value * 10 + (json[i] - '0');
        }
        return value;
    }

    private static int indexOf(byte[] json, byte[] wanted, int from, int to) {
        outer:
        for (int i = from; i <= to - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (json[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] json, byte wanted) {
        for (int i = json.length - 1; i >= 0; i--) {
            if (json[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String preview(byte[] json) {
        return new String(json, 0, Math.min(json.length, 80), StandardCharsets.UTF_8);
    }
}
