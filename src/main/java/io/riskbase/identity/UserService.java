package io.riskbase.identity;

import io.riskbase.identity.IdentityRequests.NewUser;
import io.riskbase.identity.IdentityRequests.UserPatch;
import io.riskbase.identity.IdentityViews.UserView;
import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.CacheKey;
import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.AuditTrail;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** The caller's own profile, and user management inside the caller's organization. */
@ApplicationScoped
public class UserService {

    @Inject
    io.riskbase.platform.events.ChangeEvents changeEvents;

    @Inject
    UserRepository users;

    @Inject
    AuditTrail audit;

    @Inject
    SessionRepository sessions;

    @Inject
    OrganizationRepository organizations;

    @Inject
    PasswordHashing hasher;

    @Cached(IdentityCache.USER)
    public UserView get(@TenantId long orgId, long userId) {
        return users.find(orgId, userId).map(UserView::of).orElseThrow(() -> ApiException.notFound("User " + userId));
    }

    @Cached(IdentityCache.USER_LIST)
    public Page<UserView> list(@TenantId long orgId, PageRequest page) {
        return new Page<>(
                users.list(orgId, page.offset(), page.size()).stream()
                        .map(UserView::of)
                        .toList(),
                users.count(orgId),
                page.page(),
                page.size());
    }

    @CacheInvalidate(namespaces = IdentityCache.USER_LIST, negatives = IdentityCache.USER)
    @Transactional
    public UserView create(@TenantId long orgId, NewUser request) {
        String email = AuthService.normalizeEmail(request.email());
        // hashed before the first statement: the transaction holds no connection during PBKDF2
        String passwordHash = hasher.hash(request.password().toCharArray());
        if (users.emailTaken(email)) {
            // the same answer as sign-up's: an ADMIN of one organization learns nothing about another's users
            throw AuthService.accountNotCreated();
        }
        User user = new User(
                orgId,
                email,
                passwordHash,
                request.displayName().strip(),
                request.role(),
                OffsetDateTime.now(ZoneOffset.UTC));
        users.add(user);
        audit.record(orgId, "user.created", "user", user.getId(), Map.of("email", email, "role", user.getRole()));
        changeEvents.publish(
                orgId,
                "user.created",
                "user",
                user.getId(),
                Map.of("email", email, "role", user.getRole(), "display_name", user.getDisplayName()));
        return UserView.of(user);
    }

    @CacheInvalidate(
            entries = IdentityCache.USER,
            // a disabled creator's API keys stop working with their sessions (ApiKeyRepository.findUsable)
            namespaces = {IdentityCache.USER_LIST, IdentityCache.SESSION, IdentityCache.API_KEY})
    @Transactional
    public UserView update(@TenantId long orgId, long callerId, @CacheKey long userId, UserPatch patch) {
        // hashed before the first statement: the transaction holds no connection during PBKDF2
        String passwordHash =
                patch.password() != null ? hasher.hash(patch.password().toCharArray()) : null;
        if ((patch.role() != null && patch.role() != Role.ADMIN) || patch.status() == UserStatus.DISABLED) {
            // two demotions at once would each count the other admin and both pass: one waits for the other,
            // and reads the user and counts only after the lock
            organizations.lockForAdminChange(orgId);
        }
        User user = users.find(orgId, userId).orElseThrow(() -> ApiException.notFound("User " + userId));
        Role roleBefore = user.getRole();
        UserStatus statusBefore = user.getStatus();
        boolean losesAdmin = user.getRole() == Role.ADMIN
                && user.getStatus() == UserStatus.ACTIVE
                && ((patch.role() != null && patch.role() != Role.ADMIN) || patch.status() == UserStatus.DISABLED);
        if (losesAdmin && users.countActiveAdmins(orgId) <= 1) {
            throw ApiException.conflict("An organization keeps at least one active ADMIN");
        }
        if (patch.displayName() != null) {
            user.setDisplayName(patch.displayName().strip());
        }
        if (patch.role() != null) {
            user.setRole(patch.role());
        }
        if (patch.password() != null) {
            user.setPasswordHash(passwordHash);
        }
        if (patch.status() != null) {
            user.setStatus(patch.status());
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        if (patch.displayName() != null) {
            changed.put("display_name", patch.displayName().strip());
        }
        if (patch.role() != null) {
            changed.put("role", Map.of("from", roleBefore, "to", patch.role()));
        }
        if (patch.status() != null) {
            changed.put("status", Map.of("from", statusBefore, "to", patch.status()));
        }
        if (patch.password() != null) {
            changed.put("password_changed", true);
        }
        if (patch.status() == UserStatus.DISABLED || patch.role() != null || patch.password() != null) {
            // tokens carry the role: a changed role, password or status takes effect at the next login. Before the
            // audit entry: a logout locks its session row and then the audit chain, so taking them in the other order
            // here would deadlock with the user's own logout
            sessions.revokeAllOf(orgId, userId);
        }
        audit.record(orgId, "user.updated", "user", userId, changed);
        changeEvents.publish(orgId, "user.updated", "user", userId, Map.of("changes", changed));
        return UserView.of(user);
    }

    @CacheInvalidate(
            entries = IdentityCache.USER,
            namespaces = {IdentityCache.USER_LIST, IdentityCache.SESSION},
            changes = IdentityCache.USER_DELETED)
    @Transactional
    public void delete(@TenantId long orgId, long callerId, @CacheKey long userId) {
        if (callerId == userId) {
            throw ApiException.conflict("You cannot delete yourself");
        }
        organizations.lockForAdminChange(orgId);
        User user = users.find(orgId, userId).orElseThrow(() -> ApiException.notFound("User " + userId));
        if (user.getRole() == Role.ADMIN
                && user.getStatus() == UserStatus.ACTIVE
                && users.countActiveAdmins(orgId) <= 1) {
            throw ApiException.conflict("An organization keeps at least one active ADMIN");
        }
        sessions.revokeAllOf(orgId, userId);
        users.remove(user);
        audit.record(orgId, "user.deleted", "user", userId, Map.of("email", user.getEmail()));
        changeEvents.publish(orgId, "user.deleted", "user", userId, Map.of("email", user.getEmail()));
    }
}
