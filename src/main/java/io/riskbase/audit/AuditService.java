package io.riskbase.audit;

import io.riskbase.audit.AuditRepository.Head;
import io.riskbase.audit.AuditRepository.Row;
import io.riskbase.audit.AuditViews.AuditEntryView;
import io.riskbase.audit.AuditViews.BrokenLink;
import io.riskbase.audit.AuditViews.Verification;
import io.riskbase.platform.persistence.TableExport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reading, verifying and exporting an organization's audit log. Not cached: the log only grows, ADMINs read it rarely,
 * and a verification must see the rows as stored.
 */
@ApplicationScoped
public class AuditService {

    @Inject
    AuditRepository log;

    /** Up to {@code limit} entries after the filter's cursor, in sequence order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntryView> list(long orgId, AuditFilter filter, int limit) {
        return log.list(orgId, filter, limit).stream().map(Row::view).toList();
    }

    /**
     * Recomputes the chain up to the head as it stands now, one row at a time: each entry must follow its predecessor's
     * sequence number and hash, its hash must match its content, and the last must be the head.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Verification verify(long orgId) {
        Head head = log.head(orgId);
        Checker checker = new Checker();
        log.stream(orgId, AuditFilter.ALL, head.seq(), checker);
        BrokenLink broken = checker.broken;
        if (broken == null && (checker.lastSeq != head.seq() || !checker.lastHash.equals(head.hash()))) {
            broken = new BrokenLink(
                    checker.lastId,
                    checker.lastSeq,
                    "the log ends at seq " + checker.lastSeq + " but its head is seq " + head.seq()
                            + ": entries were removed");
        }
        return new Verification(broken == null, checker.checked, head.seq(), broken);
    }

    /** Writes the matching entries in sequence order, streamed from the database (outside any transaction). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void export(long orgId, AuditFilter filter, TableExport.Format format, java.io.OutputStream out)
            throws java.io.IOException {
        log.export(orgId, filter, format, out);
    }

    /** Walks the chain; remembers the first link that does not hold and ignores the rest. */
    private static final class Checker implements Consumer<Row> {
        long checked;
        long lastSeq;
        long lastId;
        String lastHash = AuditChain.GENESIS;
        BrokenLink broken;

        @Override
        public void accept(Row row) {
            if (broken != null) {
                return;
            }
            checked++;
            if (row.seq() != lastSeq + 1) {
                broken = new BrokenLink(
                        row.id(), row.seq(), "expected seq " + (lastSeq + 1) + ": entries were removed or reordered");
            } else if (!row.prevHash().equals(lastHash)) {
                broken = new BrokenLink(row.id(), row.seq(), "prev_hash does not match the previous entry's hash");
            } else if (!AuditChain.hash(row.prevHash(), row.content()).equals(row.hash())) {
                broken = new BrokenLink(row.id(), row.seq(), "the entry's content does not match its hash");
            }
            lastSeq = row.seq();
            lastId = row.id();
            lastHash = row.hash();
        }
    }
}
