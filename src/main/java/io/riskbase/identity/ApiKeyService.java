package io.riskbase.identity;

import io.riskbase.identity.ApiKeyViews.ApiKeyGrant;
import io.riskbase.identity.ApiKeyViews.ApiKeyView;
import io.riskbase.identity.ApiKeyViews.NewApiKey;
import io.riskbase.platform.cache.CacheInvalidate;
import io.riskbase.platform.cache.Cached;
import io.riskbase.platform.cache.TenantId;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.ApiScopes;
import io.riskbase.platform.security.AuditEvent.ActorKind;
import io.riskbase.platform.security.AuditTrail;
import io.riskbase.platform.security.Role;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * API keys of the caller's organization (ADMIN) and the lookup behind every key-authenticated request.
 *
 * <p>A key reads {@code rbk_<organization id>_<43 characters>}: 256 random bits, base64url. Only the SHA-256 of the
 * whole key is stored. A fast hash is enough here, unlike for passwords: PBKDF2 and friends slow down guessing of
 * secrets people choose, but nobody can enumerate 2^256 random secrets however fast each guess is — and a fast hash
 * keeps the verification of a key as cheap as a cache lookup. The organization id in the key names the tenant the
 * lookup runs in, so a key is only ever looked up, and cached, inside its own organization.
 */
@ApplicationScoped
public class ApiKeyService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SHOWN_SECRET_CHARS = 6;

    @Inject
    io.riskbase.platform.events.ChangeEvents changeEvents;

    @Inject
    ApiKeyRepository keys;

    @Inject
    UserRepository users;

    @Inject
    AuditTrail audit;

    /** A new key with its secret, shown this once. */
    @CacheInvalidate(negatives = IdentityCache.API_KEY)
    @Transactional
    public ApiKeyView create(@TenantId long orgId, long callerId, NewApiKey request) {
        List<String> unknown =
                request.scopes().stream().filter(s -> !ApiScopes.isKnown(s)).toList();
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("Unknown scopes " + unknown + "; known: " + ApiScopes.all());
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ApiException.badRequest("expires_at must be in the future");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String head = ApiScopes.PREFIX + orgId + "_";
        String secret = head + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiKey key = new ApiKey(
                orgId,
                request.name().strip(),
                ApiScopes.normalized(request.scopes()),
                hash(secret),
                secret.substring(0, head.length() + SHOWN_SECRET_CHARS),
                callerId,
                now,
                request.expiresAt() == null ? null : request.expiresAt().withOffsetSameInstant(ZoneOffset.UTC));
        keys.add(key);
        audit.record(
                orgId,
                "api-key.created",
                "api-key",
                key.getId(),
                Map.of("name", key.getName(), "scopes", key.getScopes(), "prefix", key.getPrefix()));
        changeEvents.publish(
                orgId,
                "api-key.created",
                "api-key",
                key.getId(),
                Map.of("name", key.getName(), "scopes", key.getScopes(), "prefix", key.getPrefix()));
        return ApiKeyView.of(key, secret);
    }

    @Transactional
    public Page<ApiKeyView> list(@TenantId long orgId, PageRequest page) {
        return new Page<>(
                keys.list(orgId, page.offset(), page.size()).stream()
                        .map(k -> ApiKeyView.of(k, null))
                        .toList(),
                keys.count(orgId),
                page.page(),
                page.size());
    }

    /**
     * Revokes the key at once on every node: the organization's cached key lookups become unreachable after commit (one
     * generation bump, published on the invalidation channel), so the next request with it is looked up again.
     */
    @CacheInvalidate(namespaces = IdentityCache.API_KEY)
    @Transactional
    public ApiKeyView revoke(@TenantId long orgId, long id) {
        ApiKey key = keys.find(orgId, id).orElseThrow(() -> ApiException.notFound("API key " + id));
        if (key.getRevokedAt() == null) {
            key.revoke(OffsetDateTime.now(ZoneOffset.UTC));
            audit.record(orgId, "api-key.revoked", "api-key", id, Map.of("name", key.getName()));
            changeEvents.publish(orgId, "api-key.revoked", "api-key", id, Map.of("name", key.getName()));
        }
        return ApiKeyView.of(key, null);
    }

    /** The usable key behind a secret's hash; cached, so a warm node verifies a key without the database. */
    @Cached(IdentityCache.API_KEY)
    @Transactional(Transactional.TxType.SUPPORTS)
    public ApiKeyGrant grant(@TenantId long orgId, String secretHash) {
        ApiKey key = keys.findUsable(orgId, secretHash).orElseThrow(() -> ApiException.notFound("API key"));
        // a usable key's creator is an active user of the organization (findUsable); a role change bumps this namespace
        Role creatorRole = users.find(orgId, key.getCreatedBy())
                .map(User::getRole)
                .orElseThrow(() -> ApiException.notFound("API key"));
        return new ApiKeyGrant(
                key.getId(),
                key.getCreatedBy(),
                creatorRole,
                key.getScopes(),
                key.getExpiresAt() == null ? 0 : key.getExpiresAt().toEpochSecond());
    }

    /**
     * Records a use, at most once a minute per key across all nodes, in the key's last-used time and the audit log;
     * true when this call recorded it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean touch(@TenantId long orgId, long id, String clientAddress) {
        boolean recorded = keys.touch(orgId, id, OffsetDateTime.now(ZoneOffset.UTC));
        if (recorded) {
            audit.recordAs(
                    orgId,
                    id,
                    ActorKind.API_KEY,
                    "api-key.used",
                    "api-key",
                    id,
                    clientAddress == null ? Map.of() : Map.of("client_address", clientAddress));
        }
        return recorded;
    }

    /** The organization a presented key names, if it looks like a key at all. */
    static OptionalLong orgOf(String presented) {
        if (!presented.startsWith(ApiScopes.PREFIX)) {
            return OptionalLong.empty();
        }
        int end = presented.indexOf('_', ApiScopes.PREFIX.length());
        if (end <= ApiScopes.PREFIX.length() || end - ApiScopes.PREFIX.length() > 18) {
            return OptionalLong.empty();
        }
        String digits = presented.substring(ApiScopes.PREFIX.length(), end);
        return digits.chars().allMatch(c -> c >= '0' && c <= '9')
                ? OptionalLong.of(Long.parseLong(digits))
                : OptionalLong.empty();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).strip();
        return token.startsWith(ApiScopes.PREFIX) ? Optional.of(token) : Optional.empty();
    }
}
