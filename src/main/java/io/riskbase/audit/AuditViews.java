package io.riskbase.audit;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.OffsetDateTime;

/** What the audit endpoints answer. */
public final class AuditViews {

    private AuditViews() {}

    /** One entry as stored, with its place in the chain. */
    public record AuditEntryView(
            long id,
            long seq,
            OffsetDateTime at,
            @JsonbProperty("actor_id") Long actorId,
            @JsonbProperty("actor_kind") String actorKind,
            String action,
            @JsonbProperty("object_type") String objectType,
            @JsonbProperty("object_id") String objectId,
            @JsonbProperty("client_address") String clientAddress,
            JsonObject data,
            @JsonbProperty("prev_hash") String prevHash,
            String hash) {}

    /** Where the chain first breaks, and why. */
    public record BrokenLink(long id, long seq, String reason) {}

    /**
     * The outcome of recomputing an organization's chain.
     *
     * @param valid whether every entry's hash matches its content and its predecessor, and the head matches the last
     * @param checked entries recomputed
     * @param headSeq the organization's newest sequence number when the check began
     * @param firstBroken the first entry that does not fit, or null
     */
    public record Verification(
            boolean valid,
            long checked,
            @JsonbProperty("head_seq") long headSeq,
            @JsonbProperty("first_broken") BrokenLink firstBroken) {}
}
