package io.riskbase.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.riskbase.audit.AuditChain.Content;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    static Content entry(long seq, String data) {
        return new Content(7, seq, 1_700_000_000_000_000L, 3L, "USER", "risk.updated", "risk", "42", "10.0.0.1", data);
    }

    @Test
    void theHashDependsOnThePredecessorAndEveryField() {
        String first = AuditChain.hash(AuditChain.GENESIS, entry(1, "{}"));
        assertEquals(64, first.length());
        assertEquals(first, AuditChain.hash(AuditChain.GENESIS, entry(1, "{}")), "deterministic");
        assertNotEquals(first, AuditChain.hash("1".repeat(64), entry(1, "{}")));
        assertNotEquals(first, AuditChain.hash(AuditChain.GENESIS, entry(2, "{}")));
        assertNotEquals(first, AuditChain.hash(AuditChain.GENESIS, entry(1, "{\"a\":1}")));
        Content noActor =
                new Content(7, 1, 1_700_000_000_000_000L, null, "USER", "risk.updated", "risk", "42", "10.0.0.1", "{}");
        assertNotEquals(first, AuditChain.hash(AuditChain.GENESIS, noActor));
    }

    @Test
    void fieldsCannotBeShiftedIntoEachOther() {
        Content a = new Content(1, 1, 0, null, "USER", "a|b", null, "c", null, "{}");
        Content b = new Content(1, 1, 0, null, "USER", "a", "b", "c", null, "{}");
        assertNotEquals(AuditChain.canonical(a), AuditChain.canonical(b));
        Content empty = new Content(1, 1, 0, null, "USER", "x", "", null, null, "{}");
        Content none = new Content(1, 1, 0, null, "USER", "x", null, null, null, "{}");
        assertNotEquals(AuditChain.canonical(empty), AuditChain.canonical(none));
    }
}
