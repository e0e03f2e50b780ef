package io.riskbase.platform.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CachedRepresentationTest {

    public record Plain(int id) {}

    public record Versioned(int id, int version) implements EntityTagged {
        @Override
        public String entityTag() {
            return "\"" + version + "\"";
        }
    }

    @Test
    void withoutTheInterceptorTheValueIsEncodedOnceWithItsOwnTagOrItsHash() {
        CachedRepresentation tagged = CachedRepresentation.of(() -> new Versioned(7, 3));
        assertEquals("{\"id\":7,\"version\":3}", new String(tagged.json(), StandardCharsets.UTF_8));
        assertEquals("\"3\"", tagged.etag());
        CachedRepresentation plain = CachedRepresentation.of(() -> new Plain(7));
        assertEquals(CacheEntry.etagOf(plain.json()), plain.etag());
    }

    @Test
    void theInterceptorsBytesWinAndTheSlotIsTakenOnce() {
        byte[] stored = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        CachedRepresentation answer = CachedRepresentation.of(() -> {
            CachedRepresentation[] slot = CachedRepresentation.claim();
            assertNull(CachedRepresentation.claim(), "a nested cached call must not take the slot again");
            slot[0] = new CachedRepresentation(stored, "\"x\"");
            return null;
        });
        assertArrayEquals(stored, answer.json());
        assertEquals("\"x\"", answer.etag());
        assertNull(CachedRepresentation.claim(), "nothing is left on the thread afterwards");
    }
}
