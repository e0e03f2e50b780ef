package io.riskbase.risk;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON shapes of the acceptance endpoints. */
public final class AcceptanceViews {

    private AcceptanceViews() {}

    @Schema(name = "RiskAcceptance")
    @JsonbPropertyOrder({
        "id",
        "riskId",
        "state",
        "requestedBy",
        "requestedAt",
        "note",
        "decidedBy",
        "decidedAt",
        "justification",
        "expiresAt",
        "endedAt"
    })
    public record AcceptanceView(
            long id,
            @JsonbProperty("risk_id") long riskId,
            AcceptanceState state,
            @JsonbProperty("requested_by") Long requestedBy,
            @JsonbProperty("requested_at") OffsetDateTime requestedAt,

            @Schema(description = "why the requester asks to accept the risk")
            String note,

            @Schema(description = "the approver (or rejecter): never the requester") @JsonbProperty("decided_by")
            Long decidedBy,

            @JsonbProperty("decided_at") OffsetDateTime decidedAt,

            @Schema(description = "the approver's reason for the decision")
            String justification,

            @Schema(description = "when an approval ends: the risk then returns to OPEN, due for review")
            @JsonbProperty("expires_at")
            OffsetDateTime expiresAt,

            @Schema(description = "when an approval expired or ended early (the risk left ACCEPTED)")
            @JsonbProperty("ended_at")
            OffsetDateTime endedAt) {
        static AcceptanceView of(RiskAcceptance a) {
            return new AcceptanceView(
                    a.getId(),
                    a.getRiskId(),
                    a.getState(),
                    a.getRequestedBy(),
                    a.getRequestedAt(),
                    a.getRequestNote(),
                    a.getDecidedBy(),
                    a.getDecidedAt(),
                    a.getJustification(),
                    a.getExpiresAt(),
                    a.getEndedAt());
        }
    }

    @Schema(name = "RiskAcceptanceRequest")
    public record RequestInput(
            @Schema(description = "why the risk should be accepted", maxLength = 2000) @Size(max = 2000)
            String note) {}

    @Schema(name = "RiskAcceptanceApproval")
    @JsonbPropertyOrder({"justification", "expiresAt"})
    public record ApprovalInput(
            @Schema(description = "why the risk is accepted", maxLength = 2000, required = true)
            @NotBlank
            @Size(max = 2000)
            String justification,

            @Schema(
                    description = "when the acceptance ends: an RFC 3339 date-time or a date (its start, UTC); in the "
                            + "future and at most " + AcceptanceService.MAX_YEARS + " years ahead",
                    required = true,
                    example = "2027-06-30")
            @NotNull
            @Size(max = 40)
            @JsonbProperty("expires_at")
            String expiresAt) {}

    @Schema(name = "RiskAcceptanceRejection")
    public record RejectionInput(
            @Schema(description = "why the request is rejected", maxLength = 2000, required = true)
            @NotBlank
            @Size(max = 2000)
            String justification) {}
}
