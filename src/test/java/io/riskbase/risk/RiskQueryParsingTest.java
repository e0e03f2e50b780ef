package io.riskbase.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.platform.errors.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Query parameters of the risk list: what is accepted, and that every rejection is a 400 naming the parameter. */
class RiskQueryParsingTest {

    @Test
    void filtersParseCaseInsensitiveListsAndOwnerMe() {
        RiskFilter f = RiskFilter.parse("critical,HIGH,high", "open", "me", "security", "  vpn   outage ", 42);
        assertEquals(List.of(Severity.HIGH, Severity.CRITICAL), f.severities());
        assertEquals(List.of(RiskStatus.OPEN), f.statuses());
        assertEquals(42L, f.ownerId());
        assertEquals("security", f.category());
        assertEquals("vpn outage", f.text());
        assertEquals(RiskFilter.parse("HIGH,CRITICAL", "OPEN", "42", "security", "vpn outage", 1), f);
    }

    @Test
    void badFilterValuesNameTheParameter() {
        assertBad("severity", () -> RiskFilter.parse("HUGE", null, null, null, null, 1));
        assertBad("severity", () -> RiskFilter.parse("HIGH,", null, null, null, null, 1));
        assertBad("status", () -> RiskFilter.parse(null, "DONE", null, null, null, 1));
        assertBad("owner", () -> RiskFilter.parse(null, null, "bob", null, null, 1));
        assertBad("owner", () -> RiskFilter.parse(null, null, "0", null, null, 1));
        assertBad("category", () -> RiskFilter.parse(null, null, null, "Not A Category", null, 1));
        assertBad("q", () -> RiskFilter.parse(null, null, null, null, "x".repeat(201), 1));
        assertBad("q", () -> RiskFilter.parse(null, null, null, null, "!!!", 1));
        assertBad("q", () -> RiskFilter.text("q", " ", true));
    }

    @Test
    void sortAcceptsKnownFieldsWithOptionalMinus() {
        assertEquals(new RiskSort(RiskSort.Field.SCORE, true), RiskSort.parse("-score", false, RiskSort.DEFAULT));
        assertEquals(new RiskSort(RiskSort.Field.DUE_DATE, false), RiskSort.parse("due_date", false, RiskSort.DEFAULT));
        assertEquals(RiskSort.DEFAULT, RiskSort.parse(null, false, RiskSort.DEFAULT));
        assertEquals(RiskSort.RELEVANCE, RiskSort.parse("relevance", true, RiskSort.DEFAULT));
        assertBad("sort", () -> RiskSort.parse("owner_id", false, RiskSort.DEFAULT));
        assertBad("sort", () -> RiskSort.parse("-score,title", false, RiskSort.DEFAULT));
        assertBad("sort", () -> RiskSort.parse("relevance", false, RiskSort.DEFAULT));
    }

    @Test
    void versionCheckRules() {
        new VersionCheck("\"3\"", null).verify(3, true);
        new VersionCheck("\"1\", \"3\"", null).verify(3, true);
        new VersionCheck("*", null).verify(3, true);
        new VersionCheck(null, 3).verify(3, true);
        VersionCheck.NONE.verify(3, false);
        assertEquals(
                412,
                assertThrows(ApiException.class, () -> new VersionCheck("\"2\"", null).verify(3, true))
                        .status());
        assertEquals(
                412,
                assertThrows(ApiException.class, () -> new VersionCheck("W/\"3\"", null).verify(3, true))
                        .status());
        assertEquals(
                409,
                assertThrows(ApiException.class, () -> new VersionCheck(null, 2).verify(3, true))
                        .status());
        assertEquals(
                428,
                assertThrows(ApiException.class, () -> VersionCheck.NONE.verify(3, true))
                        .status());
    }

    @Test
    void severityFollowsScoreBands() {
        assertEquals(Severity.LOW, Severity.forScore(4));
        assertEquals(Severity.MEDIUM, Severity.forScore(9));
        assertEquals(Severity.HIGH, Severity.forScore(16));
        assertEquals(Severity.CRITICAL, Severity.forScore(20));
    }

    private static void assertBad(String parameter, org.junit.jupiter.api.function.Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("'" + parameter + "'"), e.getMessage());
    }
}
