package io.riskbase.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.errors.Problem;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameworkDocumentTest {

    private static JsonValue json(String s) {
        return Json.createReader(new StringReader(s.replace('\'', '"'))).readValue();
    }

    @Test
    void aNestedDocumentBecomesRequirementsInDocumentOrderWithTheirParents() {
        FrameworkDocument doc = FrameworkDocument.parse(json("{'code':'X','version':'1.0','name':'X','requirements':["
                + "{'code':'A','title':'a','requirements':[{'code':'A.1','title':'a1'}]},{'code':'B','title':'b'}]}"));
        assertEquals(
                List.of(
                        new FrameworkDocument.Item("A", null, "a", null, 0),
                        new FrameworkDocument.Item("A.1", "A", "a1", null, 1),
                        new FrameworkDocument.Item("B", null, "b", null, 2)),
                doc.requirements());
    }

    @Test
    void aMalformedDocumentNamesThePathOfEachError() {
        ApiException e = assertThrows(
                ApiException.class,
                () -> FrameworkDocument.parse(json("{'code':'X','name':'X','requirements':[{'code':'A','title':'a',"
                        + "'requirements':[{'title':'no code'},{'code':'A','title':'dup'}]},7]}")));
        assertEquals(400, e.status());
        List<String> fields = e.errors().stream().map(Problem.FieldError::field).toList();
        assertEquals(
                List.of(
                        "$.version",
                        "$.requirements[0].requirements[0].code",
                        "$.requirements[0].requirements[1].code",
                        "$.requirements[1]"),
                fields);
    }

    @Test
    void theShippedNistCsfDocumentParses() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/frameworks/nist-csf-2.0.json")) {
            FrameworkDocument doc =
                    FrameworkDocument.parse(Json.createReader(in).readValue());
            assertEquals("NIST-CSF", doc.code());
            assertEquals(
                    6,
                    doc.requirements().stream()
                            .filter(i -> i.parentCode() == null)
                            .count());
            assertTrue(
                    doc.requirements().size() >= 28,
                    "functions and categories: " + doc.requirements().size());
        }
    }
}
