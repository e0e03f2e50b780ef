package io.riskbase.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.platform.errors.ApiException;
import jakarta.json.Json;
import java.io.InputStream;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameworkCsvTest {

    private static final FrameworkCsv.Header HEADER = new FrameworkCsv.Header("X", "1.0", "X", null);

    private static FrameworkDocument parse(String csv) {
        return FrameworkCsv.parse(HEADER, new StringReader(csv));
    }

    private static List<String> errors(FrameworkCsv.Header header, String csv) {
        ApiException e = assertThrows(ApiException.class, () -> FrameworkCsv.parse(header, new StringReader(csv)));
        assertEquals(400, e.status());
        return e.errors().stream().map(f -> f.field() + ": " + f.message()).toList();
    }

    @Test
    void rowsBecomeTheSameRequirementsAsTheNestedJsonDocumentInTreeOrder() {
        // a child before its parent, and columns in any order
        FrameworkDocument csv = parse("parent,code,title,description\r\nA,A.1,a1,\r\n,A,a,first\r\n,B,b,\r\n");
        String doc = "{'code':'X','version':'1.0','name':'X','requirements':[{'code':'A','title':'a',"
                + "'description':'first','requirements':[{'code':'A.1','title':'a1'}]},{'code':'B','title':'b'}]}";
        FrameworkDocument json = FrameworkDocument.parse(
                Json.createReader(new StringReader(doc.replace('\'', '"'))).readValue());
        assertEquals(json, csv);
        assertEquals(
                List.of(
                        new FrameworkDocument.Item("A", null, "a", "first", 0),
                        new FrameworkDocument.Item("A.1", "A", "a1", null, 1),
                        new FrameworkDocument.Item("B", null, "b", null, 2)),
                csv.requirements());
    }

    @Test
    void descriptionAndParentColumnsMayBeLeftOut() {
        assertEquals(2, parse("code,title\nA,a\nB,b\n").requirements().size());
    }

    @Test
    void errorsNameTheRowLikeASpreadsheet() {
        List<String> errors = errors(HEADER, "code,title,parent\nA,a,\n,no code,\nA,dup,\nC,c,NOPE\nD,d,D\n");
        assertEquals(List.of("row 3, code: must not be blank", "row 4, code: 'A' appears twice in the file"), errors);
        assertEquals(
                List.of(
                        "row 3, parent: 'NOPE' is not the code of a row in the file",
                        "row 4, parent: a requirement cannot be its own parent"),
                errors(HEADER, "code,title,parent\nA,a,\nC,c,NOPE\nD,d,D\n"));
    }

    @Test
    void cyclesDepthHeaderAndShapeAreRefused() {
        assertEquals(
                List.of(
                        "row 3, parent: the parents of 'B' form a cycle",
                        "row 4, parent: the parents of 'C' form a cycle"),
                errors(HEADER, "code,title,parent\nA,a,\nB,b,C\nC,c,B\n"));
        StringBuilder deep = new StringBuilder("code,title,parent\nL0,l,\n");
        for (int i = 1; i <= FrameworkDocument.MAX_DEPTH; i++) {
            deep.append("L").append(i).append(",l,L").append(i - 1).append('\n');
        }
        assertEquals(List.of("row 8, parent: nested deeper than 6 levels"), errors(HEADER, deep.toString()));
        assertEquals(
                List.of(
                        "row 1: column 'title' is missing from the header row",
                        "row 1: unknown column 'name'; the " + "columns are [code, title, description, parent]"),
                errors(HEADER, "code,name\nA,a\n"));
        assertEquals(List.of("row 2: has 3 cells, the header has 2"), errors(HEADER, "code,title\nA,a,extra\n"));
        assertEquals(List.of("row 2: the file has no requirement rows"), errors(HEADER, "code,title\n"));
        ApiException empty = assertThrows(ApiException.class, () -> parse(""));
        assertEquals(400, empty.status());
        ApiException quotes = assertThrows(ApiException.class, () -> parse("code,title\n\"A\"x,a\n"));
        assertTrue(quotes.getMessage().contains("not well-formed CSV"), quotes.getMessage());
    }

    @Test
    void theFrameworkFieldsComeFromTheQueryAndAreCheckedLikeJson() {
        List<String> errors = errors(new FrameworkCsv.Header(null, "bad version!", " ", null), "code,title\nA,a\n");
        assertEquals(
                List.of("code", "version", "name"),
                errors.stream().map(e -> e.substring(0, e.indexOf(':'))).toList());
        assertTrue(errors(HEADER, "code,title\nA,a\u0001b\n").get(0).startsWith("row 2, title: must not contain"));
    }

    @Test
    void theShippedSp80053SubsetParsesAndNamesItsSourceAndLicence() throws Exception {
        try (InputStream in = getClass().getResourceAsStream(DemoCatalogSeeder.NIST_800_53)) {
            FrameworkDocument doc =
                    FrameworkDocument.parse(Json.createReader(in).readValue());
            assertEquals("NIST-SP-800-53", doc.code());
            assertEquals(
                    10,
                    doc.requirements().stream()
                            .filter(i -> i.parentCode() == null)
                            .count());
            assertEquals(54, doc.requirements().size());
            assertTrue(doc.source().contains("doi.org/10.6028/NIST.SP.800-53r5"), doc.source());
            assertTrue(doc.source().contains("not subject to copyright"), doc.source());
            assertTrue(doc.requirements().stream()
                    .anyMatch(i -> i.code().equals("IA-2(1)") && "IA-2".equals(i.parentCode())));
        }
    }

    @Test
    void aBodyThatIsNotUtf8IsA400InEitherFormat() {
        byte[] latin1 = {(byte) 0xE9, 't', 'e', '\n'};
        for (String type : new String[] {"text/csv", "text/plain", "application/json"}) {
            ApiException e = assertThrows(
                    ApiException.class,
                    () -> FrameworkImportBody.read(type, new java.io.ByteArrayInputStream(latin1), HEADER),
                    type);
            assertEquals(400, e.status(), type);
        }
    }
}
