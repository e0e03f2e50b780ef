package io.riskbase.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredPageTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Test
    void theBodyIsTheStoredItemsArrayAndTheTotalTheStoredNumber() {
        List<Map<String, Object>> items = List.of(
                Map.of("id", 1, "title", "a ] bracket and \"items\":[ and \"total\":7", "tags", List.of("x]", "[y")),
                Map.of("id", 2, "title", "ünïcode ✓ \\\"total\\\":9 ]", "tags", List.of()));
        Page<Map<String, Object>> page = new Page<>(items, 12_345_678_901L, 3, 2);
        StoredPage stored = StoredPage.of(JSONB.toJson(page).getBytes(StandardCharsets.UTF_8));
        assertEquals(JSONB.toJson(items), new String(stored.items(), StandardCharsets.UTF_8));
        assertEquals(12_345_678_901L, stored.total());
    }

    @Test
    void anEmptyPageAndAnyFieldOrderWork() {
        StoredPage empty =
                StoredPage.of(JSONB.toJson(new Page<>(List.of(), 0, 1, 20)).getBytes(StandardCharsets.UTF_8));
        assertEquals("[]", new String(empty.items(), StandardCharsets.UTF_8));
        assertEquals(0, empty.total());
        StoredPage reordered = StoredPage.of(
                "{\"total\":5,\"page\":1,\"size\":2,\"items\":[{\"t\":\"]\"}]}".getBytes(StandardCharsets.UTF_8));
        assertEquals("[{\"t\":\"]\"}]", new String(reordered.items(), StandardCharsets.UTF_8));
        assertEquals(5, reordered.total());
    }

    @Test
    void somethingElseIsRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> StoredPage.of("{\"id\":1}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(
                IllegalArgumentException.class,
                () -> StoredPage.of("{\"items\":[1,2]}".getBytes(StandardCharsets.UTF_8)));
    }
}
