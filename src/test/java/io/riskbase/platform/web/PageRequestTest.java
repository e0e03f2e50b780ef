package io.riskbase.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.platform.errors.ApiException;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void defaultsToFirstPageOfDefaultSize() {
        PageRequest page = PageRequest.of(null, "");
        assertEquals(1, page.page());
        assertEquals(PageRequest.DEFAULT_SIZE, page.size());
        assertEquals(0, page.offset());
    }

    @Test
    void offsetFollowsPageAndSize() {
        assertEquals(40, PageRequest.of("3", "20").offset());
    }

    @Test
    void outOfRangeOrNonNumericValuesNameTheParameter() {
        ApiException tooBig = assertThrows(ApiException.class, () -> PageRequest.of("1", "101"));
        assertEquals(400, tooBig.status());
        assertTrue(tooBig.getMessage().contains("'size'"));
        assertTrue(assertThrows(ApiException.class, () -> PageRequest.of("x", "1"))
                .getMessage()
                .contains("'page'"));
        assertTrue(assertThrows(ApiException.class, () -> PageRequest.of("0", "1"))
                .getMessage()
                .contains("'page'"));
    }
}
