package io.riskbase.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An organization's newest audit entry (seq 0 and the genesis hash before the first): the row writers lock. */
@Entity
@Table(name = "audit_chain")
public class AuditChainHead {

    @Id
    @Column(name = "org_id")
    private Long orgId;

    @Column(nullable = false)
    private long seq;

    @Column(nullable = false, length = 64)
    private String hash;

    protected AuditChainHead() {}

    public long getSeq() {
        return seq;
    }

    public String getHash() {
        return hash;
    }

    void advance(long seq, String hash) {
        this.seq = seq;
        this.hash = hash;
    }
}
