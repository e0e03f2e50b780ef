package io.riskbase.identity;

import io.riskbase.identity.IdentityRequests.NewInvitation;
import io.riskbase.identity.IdentityViews.InvitationView;
import io.riskbase.identity.IdentityViews.UserView;
import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.AuditEvent.ActorKind;
import io.riskbase.platform.security.AuditTrail;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Invitations of the caller's organization (ADMIN), and the transactions of accepting one ({@link AuthService#accept}
 * hashes the password between them). Not cached: ADMINs read them rarely, and a stale list would show a revoked
 * invitation as pending.
 */
@ApplicationScoped
public class InvitationService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    io.riskbase.platform.events.ChangeEvents changeEvents;

    @Inject
    InvitationRepository invitations;

    @Inject
    UserRepository users;

    @Inject
    AuditTrail audit;

    @Inject
    @ConfigProperty(name = "riskbase.invitation.ttl-seconds", defaultValue = "604800")
    long ttlSeconds;

    /**
     * A new invitation with its token, shown this once. Never checks the e-mail: that would tell who has an account.
     */
    @Transactional
    public InvitationView create(@TenantId long orgId, long callerId, NewInvitation request) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Invitation invitation = new Invitation(
                orgId,
                AuthService.normalizeEmail(request.email()),
                request.role(),
                hash(token),
                callerId,
                now,
                now.plusSeconds(ttlSeconds));
        invitations.add(invitation);
        audit.record(
                orgId,
                "invitation.created",
                "invitation",
                invitation.getId(),
                Map.of("email", invitation.getEmail(), "role", invitation.getRole()));
        return InvitationView.of(invitation, token);
    }

    @Transactional
    public Page<InvitationView> list(@TenantId long orgId, PageRequest page) {
        return new Page<>(
                invitations.list(orgId, page.offset(), page.size()).stream()
                        .map(i -> InvitationView.of(i, null))
                        .toList(),
                invitations.count(orgId),
                page.page(),
                page.size());
    }

    @Transactional
    public void revoke(@TenantId long orgId, long id) {
        Invitation invitation =
                invitations.find(orgId, id).orElseThrow(() -> ApiException.notFound("Invitation " + id));
        invitations.remove(invitation);
        audit.record(orgId, "invitation.revoked", "invitation", id, Map.of("email", invitation.getEmail()));
    }

    /** The pending, unexpired invitation this token opens, if any. */
    @Transactional
    public Optional<Invitation> findPending(String token) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return invitations
                .findByTokenHash(hash(token))
                .filter(i -> i.getAcceptedAt() == null && i.getExpiresAt().isAfter(now));
    }

    /** Uses the invitation up and adds its user, whose password was hashed before this transaction began. */
    @CacheInvalidate(namespaces = IdentityCache.USER_LIST, negatives = IdentityCache.USER)
    @Transactional
    public UserView join(@TenantId long orgId, Invitation invitation, String passwordHash, String displayName) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // conditional: of two acceptances of one token, or an acceptance racing a revocation, one wins
        if (!invitations.markAccepted(orgId, invitation.getId(), now)) {
            throw invalidToken();
        }
        if (users.emailTaken(invitation.getEmail())) {
            throw AuthService.accountNotCreated();
        }
        User user = new User(orgId, invitation.getEmail(), passwordHash, displayName, invitation.getRole(), now);
        users.add(user);
        audit.recordAs(
                orgId,
                user.getId(),
                ActorKind.USER,
                "invitation.accepted",
                "invitation",
                invitation.getId(),
                Map.of("email", user.getEmail(), "role", user.getRole(), "user_id", user.getId()));
        changeEvents.publish(
                orgId,
                "user.created",
                "user",
                user.getId(),
                Map.of("email", user.getEmail(), "role", user.getRole(), "display_name", user.getDisplayName()));
        return UserView.of(user);
    }

    /** One answer for a token that is unknown, expired, revoked or used: a token's history is nobody's business. */
    static ApiException invalidToken() {
        return ApiException.badRequest("The invitation is unknown, expired, revoked or already used");
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
