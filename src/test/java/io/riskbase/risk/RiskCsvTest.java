package io.riskbase.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.platform.errors.Problem;
import io.riskbase.platform.persistence.CsvWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class RiskCsvTest {

    private static final RiskContent FULL = new RiskContent(
            "Phishing, \"spear\" kind",
            "line one\nline two, with comma; and ü",
            "security",
            Severity.HIGH,
            RiskStatus.MITIGATING,
            4,
            3,
            null,
            List.of("email", "q3 review"),
            LocalDate.of(2031, 5, 6),
            new RiskContent.Pair(2, 3),
            new RiskContent.Pair(1, 2),
            Strategy.MITIGATE);

    @Test
    void aWrittenRowReadsBackAsTheSameContent() throws Exception {
        StringWriter out = new StringWriter();
        CsvWriter csv = new CsvWriter(out);
        csv.record(RiskCsv.COLUMNS);
        csv.record(RiskCsv.cells(FULL, "ext-1", "owner@example.org"));
        try (CSVParser parser = RiskCsv.READ.parse(RiskCsv.withoutBom(new StringReader("\uFEFF" + out)))) {
            assertEquals(RiskCsv.COLUMNS, parser.getHeaderNames());
            CSVRecord record = parser.getRecords().get(0);
            Map<String, String> row = record.toMap();
            assertEquals("ext-1", row.get(RiskCsv.EXTERNAL_ID));
            assertEquals("owner@example.org", row.get(RiskCsv.OWNER_EMAIL));
            List<Problem.FieldError> errors = new ArrayList<>();
            RiskInput input = RiskCsv.input(row, 7L, errors);
            assertTrue(errors.isEmpty(), errors.toString());
            RiskContent back = input.toContent(Methodology.DEFAULT);
            assertEquals(
                    new RiskContent(
                            FULL.title(),
                            FULL.description(),
                            FULL.category(),
                            FULL.severity(),
                            FULL.status(),
                            FULL.likelihood(),
                            FULL.impact(),
                            7L,
                            FULL.tags(),
                            FULL.dueDate(),
                            FULL.residual(),
                            FULL.target(),
                            FULL.strategy()),
                    back);
        }
    }

    @Test
    void badCellsAreReportedUnderTheirColumn() {
        Map<String, String> row = new HashMap<>();
        row.put("title", "t");
        row.put("category", "security");
        row.put("likelihood", "four");
        row.put("impact", "3");
        row.put("target_likelihood", "2");
        row.put("due_date", "31/12/2030");
        List<Problem.FieldError> errors = new ArrayList<>();
        assertNull(RiskCsv.input(row, null, errors));
        assertEquals(
                List.of("likelihood", "due_date", "target_impact"),
                errors.stream().map(Problem.FieldError::field).toList());
    }

    @Test
    void validationFieldsMapToImportColumns() {
        assertEquals("owner_email", RiskCsv.column("owner_id"));
        assertEquals("residual_impact", RiskCsv.column("residual.impact"));
        assertEquals("title", RiskCsv.column("title"));
    }

    @Test
    void emptyCellsAreAbsent() {
        Map<String, String> row = Map.of("title", "t", "category", "c", "likelihood", "1", "impact", "2", "tags", " ");
        List<Problem.FieldError> errors = new ArrayList<>();
        RiskInput input = RiskCsv.input(row, null, errors);
        assertTrue(errors.isEmpty());
        assertEquals(List.of(), input.tags());
        assertNull(input.residual());
        assertNull(input.severity());
    }
}
