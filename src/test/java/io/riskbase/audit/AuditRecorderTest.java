package io.riskbase.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.riskbase.platform.security.AuditEvent;
import io.riskbase.platform.security.AuditEvent.ActorKind;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditRecorderTest {

    @Test
    void entriesChainedInOneBatchFormTheChainOneByOneWritesWouldHaveFormed() {
        AuditChainHead head = new AuditChainHead();
        head.advance(4, "a".repeat(64));
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 30, 12, 0, 0, 123_456_000, ZoneOffset.UTC);
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            AuditEvent event = new AuditEvent(
                    7, null, ActorKind.SYSTEM, "risk.created", "risk", String.valueOf(100 + i), null, "{}");
            entries.add(AuditRecorder.chained(head, event, at));
        }
        String previous = "a".repeat(64);
        for (int i = 0; i < entries.size(); i++) {
            AuditEntry e = entries.get(i);
            assertEquals(5 + i, e.getSeq());
            assertEquals(previous, e.getPrevHash(), "each entry names the one before it");
            AuditChain.Content content = new AuditChain.Content(
                    7,
                    e.getSeq(),
                    AuditEntry.micros(at),
                    null,
                    "SYSTEM",
                    "risk.created",
                    "risk",
                    String.valueOf(100 + i),
                    null,
                    "{}");
            assertEquals(AuditChain.hash(previous, content), e.getHash(), "the hash verification recomputes");
            previous = e.getHash();
        }
        assertEquals(7, head.getSeq());
        assertEquals(previous, head.getHash(), "the head ends at the last entry");
    }
}
