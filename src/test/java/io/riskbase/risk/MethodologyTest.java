package io.riskbase.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodologyTest {

    @Test
    void theDefaultReproducesTodaysScoresAndSeverities() {
        Methodology m = Methodology.DEFAULT;
        assertEquals(5, m.likelihoodLevels());
        assertEquals(5, m.impactLevels());
        assertTrue(m.validate().isEmpty());
        for (int l = 1; l <= 5; l++) {
            for (int i = 1; i <= 5; i++) {
                Methodology.Assessment a = m.assess(l, i);
                Severity today = Severity.forScore(l * i);
                assertEquals(l * i, a.score());
                assertEquals(today.name(), a.level(), l + "x" + i);
                assertEquals(today.ordinal() + 1, a.rank());
            }
        }
    }

    @Test
    void aFourByFiveGridGivesItsOwnLevels() {
        Methodology m = fourByFive();
        assertTrue(m.validate().isEmpty(), () -> describe(m.validate()));
        assertEquals("HIGH", m.assess(3, 1).level());
        assertEquals(3, m.assess(3, 1).rank());
        assertEquals("LOW", m.assess(1, 5).level());
        assertEquals(0, m.rank("CRITICAL"));
    }

    @Test
    void badDocumentsNameTheirField() {
        Methodology m = fourByFive();
        assertEquals(
                "likelihood",
                first(new Methodology(m.likelihood().subList(0, 2), m.impact(), m.levels(), m.grid(), m.appetite()))[
                        0]);
        assertEquals(
                "appetite", first(new Methodology(m.likelihood(), m.impact(), m.levels(), m.grid(), "EXTREME"))[0]);
        List<List<String>> shortRow = new ArrayList<>(m.grid());
        shortRow.set(0, m.grid().get(0).subList(0, 4));
        assertEquals("grid", first(new Methodology(m.likelihood(), m.impact(), m.levels(), shortRow, "LOW"))[0]);
        List<List<String>> unknown = new ArrayList<>(m.grid());
        unknown.set(1, Collections.nCopies(5, "PURPLE"));
        assertEquals("grid", first(new Methodology(m.likelihood(), m.impact(), m.levels(), unknown, "LOW"))[0]);
        List<Methodology.Level> twice = new ArrayList<>(m.levels());
        twice.add(new Methodology.Level("LOW", "again", null, 10));
        assertEquals("levels", first(new Methodology(m.likelihood(), m.impact(), twice, m.grid(), "LOW"))[0]);
    }

    @Test
    void theStoredDocumentRoundTrips() throws Exception {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            String json = jsonb.toJson(Methodology.DEFAULT);
            assertTrue(json.contains("\"review_interval_days\":90"), json);
            assertEquals(Methodology.DEFAULT, jsonb.fromJson(json, Methodology.class));
        }
    }

    /** 4 likelihood × 5 impact; likelihood 3-4 is HIGH whatever the impact, 2 × 4-5 MODERATE, the rest LOW. */
    static Methodology fourByFive() {
        List<List<String>> grid = new ArrayList<>();
        for (int l = 1; l <= 4; l++) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                row.add(l >= 3 ? "HIGH" : l == 2 && i >= 4 ? "MODERATE" : "LOW");
            }
            grid.add(row);
        }
        return new Methodology(
                List.of(
                        new Methodology.ScaleLevel("Rare", null),
                        new Methodology.ScaleLevel("Possible", "once in ten years"),
                        new Methodology.ScaleLevel("Likely", null),
                        new Methodology.ScaleLevel("Certain", null)),
                Methodology.DEFAULT.impact(),
                List.of(
                        new Methodology.Level("LOW", "Low", "#00aa00", 365),
                        new Methodology.Level("MODERATE", "Moderate", null, 120),
                        new Methodology.Level("HIGH", "High", "#ff0000", 30)),
                grid,
                "MODERATE");
    }

    private static String[] first(Methodology m) {
        List<String[]> errors = m.validate();
        assertTrue(!errors.isEmpty(), "expected an error");
        return errors.get(0);
    }

    private static String describe(List<String[]> errors) {
        return errors.stream().map(e -> e[0] + ": " + e[1]).toList().toString();
    }
}
