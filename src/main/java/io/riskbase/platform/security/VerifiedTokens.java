package io.riskbase.platform.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The claims of tokens MicroProfile JWT has already verified, kept until each token expires, so that a token seen
 * before costs one map lookup instead of reading its claims again (several filters and {@link Caller} ask per request).
 *
 * <p>Verification itself stays Liberty's: its mpJwt consumer keeps the verified signature of a token it has seen (an
 * internal JWT cache keyed by the token), so RSA runs once per token there, and this class is only reached with a token
 * that passed. Holding claims is safe for revocation because revocation is not a claim: the session of every request is
 * still checked ({@code AuthenticationFilter}, an L1 lookup invalidated across nodes). The key is the whole token,
 * never a short hash of it, so no two tokens can share an entry. Bounded: past {@code maxEntries} the expired entries
 * go, and if none had expired the map starts over (a miss only costs one claim read).
 */
public final class VerifiedTokens<T> {

    private record Entry<T>(T claims, long expiresAtSeconds) {}

    private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final LongSupplier nowSeconds;

    public VerifiedTokens(int maxEntries, LongSupplier nowSeconds) {
        this.maxEntries = maxEntries;
        this.nowSeconds = nowSeconds;
    }

    /**
     * The claims of {@code rawToken}, read with {@code reader} only the first time it is seen (or once it expired).
     *
     * @param expiresAt the expiry (epoch seconds) of claims {@code reader} returned
     */
    public T claims(String rawToken, Function<String, T> reader, Function<T, Long> expiresAt) {
        long now = nowSeconds.getAsLong();
        Entry<T> entry = entries.get(rawToken);
        if (entry != null && entry.expiresAtSeconds() > now) {
            return entry.claims();
        }
        T claims = reader.apply(rawToken);
        long expiry = expiresAt.apply(claims);
        if (expiry > now) {
            if (entries.size() >= maxEntries) {
                entries.values().removeIf(e -> e.expiresAtSeconds() <= now);
                if (entries.size() >= maxEntries) {
                    entries.clear();
                }
            }
            entries.put(rawToken, new Entry<>(claims, expiry));
        } else if (entry != null) {
            entries.remove(rawToken);
        }
        return claims;
    }

    public int size() {
        return entries.size();
    }
}
