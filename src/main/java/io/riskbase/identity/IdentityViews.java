package io.riskbase.identity;

import io.riskbase.platform.security.Role;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.OffsetDateTime;

/** JSON shapes of the identity endpoints; entities never leave the service layer. */
public final class IdentityViews {

    private IdentityViews() {}

    public record UserView(
            long id,
            String email,
            @JsonbProperty("display_name") String displayName,
            Role role,
            UserStatus status,
            @JsonbProperty("organization_id") long organizationId,
            @JsonbProperty("created_at") OffsetDateTime createdAt) {
        public static UserView of(User u) {
            return new UserView(
                    u.getId(),
                    u.getEmail(),
                    u.getDisplayName(),
                    u.getRole(),
                    u.getStatus(),
                    u.getOrgId(),
                    u.getCreatedAt());
        }
    }

    public record OrganizationView(
            long id,
            String slug,
            String name,
            String plan,
            @JsonbProperty("created_at") OffsetDateTime createdAt) {
        public static OrganizationView of(Organization o) {
            return new OrganizationView(o.getId(), o.getSlug(), o.getName(), o.getPlan(), o.getCreatedAt());
        }
    }

    public record TokenView(
            @JsonbProperty("access_token") String accessToken,
            @JsonbProperty("token_type") String tokenType,
            @JsonbProperty("expires_in") long expiresIn) {}

    public record SignupView(OrganizationView organization, UserView user) {}

    /** An invitation; {@code token} only in the answer that creates it (it is stored as a hash, never shown again). */
    public record InvitationView(
            long id,
            String email,
            Role role,
            @JsonbProperty("created_by") Long createdBy,
            @JsonbProperty("created_at") OffsetDateTime createdAt,
            @JsonbProperty("expires_at") OffsetDateTime expiresAt,
            @JsonbProperty("accepted_at") OffsetDateTime acceptedAt,
            String token) {
        public static InvitationView of(Invitation i, String token) {
            return new InvitationView(
                    i.getId(),
                    i.getEmail(),
                    i.getRole(),
                    i.getCreatedBy(),
                    i.getCreatedAt(),
                    i.getExpiresAt(),
                    i.getAcceptedAt(),
                    token);
        }
    }
}
