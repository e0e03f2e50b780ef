package io.riskbase.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PageLinksTest {

    @Test
    void middlePageLinksAllFourAndKeepsOtherParameters() {
        assertEquals(
                "</api/v1/risks?status=OPEN&q=a%20b&page=1&size=10>; rel=\"first\", "
                        + "</api/v1/risks?status=OPEN&q=a%20b&page=2&size=10>; rel=\"prev\", "
                        + "</api/v1/risks?status=OPEN&q=a%20b&page=4&size=10>; rel=\"next\", "
                        + "</api/v1/risks?status=OPEN&q=a%20b&page=5&size=10>; rel=\"last\"",
                PageLinks.header("/api/v1/risks", "status=OPEN&page=3&q=a%20b&size=10", 3, 10, 45));
    }

    @Test
    void firstPageHasNoPrevAndLastPageNoNext() {
        assertEquals(
                "</u?page=1&size=20>; rel=\"first\", </u?page=2&size=20>; rel=\"next\", "
                        + "</u?page=2&size=20>; rel=\"last\"",
                PageLinks.header("/u", null, 1, 20, 21));
        assertEquals(
                "</u?page=1&size=20>; rel=\"first\", </u?page=1&size=20>; rel=\"prev\", "
                        + "</u?page=2&size=20>; rel=\"last\"",
                PageLinks.header("/u", "page=2", 2, 20, 40));
    }

    @Test
    void emptyListHasOnePage() {
        assertEquals(
                "</u?page=1&size=20>; rel=\"first\", </u?page=1&size=20>; rel=\"last\"",
                PageLinks.header("/u", "", 1, 20, 0));
    }

    @Test
    void pageBeyondTheEndPointsBackToTheLastPage() {
        assertEquals(
                "</u?page=1&size=10>; rel=\"first\", </u?page=3&size=10>; rel=\"prev\", "
                        + "</u?page=3&size=10>; rel=\"last\"",
                PageLinks.header("/u", "page=9&size=10", 9, 10, 25));
    }

    @Test
    void charactersThatWouldEndTheTargetAreEncoded() {
        assertEquals(
                "</u?q=%3E%22x%C3%A9&page=1&size=20>; rel=\"first\", </u?q=%3E%22x%C3%A9&page=1&size=20>; rel=\"last\"",
                PageLinks.header("/u", "q=>\"xé", 1, 20, 1));
    }

    @Test
    void parametersOnlyPrefixedWithPageOrSizeAreKept() {
        assertEquals(
                "</u?pages=2&sizes=3&page=1&size=20>; rel=\"first\", </u?pages=2&sizes=3&page=1&size=20>; rel=\"last\"",
                PageLinks.header("/u", "pages=2&sizes=3&&page=1", 1, 20, 5));
    }
}
