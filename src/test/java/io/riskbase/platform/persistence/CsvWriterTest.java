package io.riskbase.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    private static final List<List<String>> TRICKY = List.of(
            List.of("plain", "", "with, comma", "with \"quotes\"", "\"", "line\nbreak", "cr\rlf\r\n", " spaced "),
            List.of("", "", "", "", "", "", "", ""),
            List.of("#not a comment", "=1+1", "ümlaut ✓", "tab\there", ",", "\"\"", "a\"b\"c", "end"));

    @Test
    void whatItWritesReadsBackCellForCellWithTheImportsParser() throws IOException {
        StringWriter text = new StringWriter();
        CsvWriter csv = new CsvWriter(text);
        csv.record(List.of("a", "b", "c", "d", "e", "f", "g", "h"));
        for (List<String> row : TRICKY) {
            csv.record(row);
        }
        assertEquals(TRICKY, parse(text.toString()));
    }

    @Test
    void onlyCellsThatNeedItAreQuoted() throws IOException {
        StringWriter text = new StringWriter();
        CsvWriter csv = new CsvWriter(text);
        csv.record(List.of("x", "y"));
        csv.record(List.of("a b", "say \"hi\", twice"));
        assertEquals("x,y\r\na b,\"say \"\"hi\"\", twice\"\r\n", text.toString());
    }

    @Test
    void anEmptyCellAloneOnItsRecordStaysARecord() throws IOException {
        StringWriter text = new StringWriter();
        CsvWriter csv = new CsvWriter(text);
        csv.record(List.of("only"));
        csv.record(List.of(""));
        csv.record(List.of("x"));
        assertEquals(List.of(List.of(""), List.of("x")), parse(text.toString()));
    }

    private static List<List<String>> parse(String text) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(false)
                .get();
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord r : parser) {
                rows.add(r.toList());
            }
        }
        return rows;
    }
}
