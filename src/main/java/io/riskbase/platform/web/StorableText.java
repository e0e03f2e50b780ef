package io.riskbase.platform.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text the database can store unchanged. PostgreSQL refuses U+0000 in text (a 500 once it reaches the driver), and a
 * lone UTF-16 surrogate (e.g. from a JSON escape of U+D800 alone) has no UTF-8 form, so the driver would store it as
 * {@code ?}; malformed UTF-8 would be decoded to U+FFFD. Each is refused at the edge, naming the field or parameter,
 * instead of failing or being altered later.
 */
public final class StorableText {

    private StorableText() {}

    /** Why the text cannot be stored as it is, or null when it can. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "contains U+0000 (NUL), which cannot be stored";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return "contains a lone surrogate (U+" + hex(c) + "), which is not valid Unicode";
                }
            } else if (Character.isLowSurrogate(c)) {
                return "contains a lone surrogate (U+" + hex(c) + "), which is not valid Unicode";
            }
        }
        return null;
    }

    /** The text with U+0000 and every surrogate replaced by U+FFFD, safe to quote in a message or a log. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(c == '\u0000' || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /** The bytes as UTF-8, or null when they are not valid UTF-8 (never replaced by U+FFFD). */
    public static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
