package io.riskbase.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.platform.errors.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void refusesNulAndLoneSurrogatesButKeepsPairs() {
        assertNull(StorableText.problem("plain ✓ Ω \uD83D\uDE00"));
        assertTrue(StorableText.problem("a\u0000b").contains("U+0000"));
        assertTrue(StorableText.problem("x\uD800").contains("lone surrogate (U+D800)"));
        assertTrue(StorableText.problem("\uDC00x").contains("lone surrogate (U+DC00)"));
        assertTrue(StorableText.problem("\uD800\uD800\uDC00").contains("U+D800"));
        assertEquals("a\uFFFDb\uFFFD\uD83D\uDE00", StorableText.printable("a\u0000b\uDC00\uD83D\uDE00"));
    }

    @Test
    void decodesOnlyValidUtf8() {
        assertEquals("é", StorableText.decodeUtf8("é".getBytes(StandardCharsets.UTF_8)));
        assertNull(StorableText.decodeUtf8(new byte[] {(byte) 0xC3, (byte) 0x28}));
        // U+D800 written as UTF-8 (CESU style): not UTF-8
        assertNull(StorableText.decodeUtf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
    }

    @Test
    void aJsonBodyNamesTheFieldWhoseTextCannotBeStored() {
        assertEquals(
                "Field 'title' contains U+0000 (NUL), which cannot be stored", refusal("{\"title\":\"a\\u0000b\"}"));
        assertTrue(refusal("{\"title\":\"ok\",\"description\":\"x\\ud800\"}")
                .startsWith("Field 'description' contains a lone surrogate (U+D800)"));
        assertTrue(refusal("{\"config\":{\"k\":\"\\udc00\"}}").startsWith("Field 'config.k' "));
        assertTrue(refusal("{\"a\":[\"ok\",{\"b\":[1,\"\\u0000\"]}]}").startsWith("Field 'a[1].b[1]' "));
        assertTrue(refusal("[\"\\u0000\"]").startsWith("Field '[0]' "));
        assertTrue(refusal("\"\\u0000\"").startsWith("Field '$' "));
        assertTrue(refusal("{\"config\":{\"k\\u0000\":\"v\"}}").startsWith("The name of field 'config.k\uFFFD' "));
        WellFormedJsonInterceptor.requireWellFormed(
                "{\"title\":\"\\ud83d\\ude00 ✓\",\"n\":[1,{}]}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void queryValuesAreDecodedStrictly() {
        assertEquals("a b+c", StorableParametersFilter.decode("a+b%2Bc"));
        assertEquals("a\u0000b", StorableParametersFilter.decode("a%00b"));
        assertNull(StorableParametersFilter.decode("%ED%A0%80"));
        assertEquals("100%", StorableParametersFilter.decode("100%"));
    }

    private static String refusal(String json) {
        ApiException e = assertThrows(
                ApiException.class,
                () -> WellFormedJsonInterceptor.requireWellFormed(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, e.status());
        return e.getMessage();
    }
}
