package io.riskbase.platform.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The claims of tokens that have passed verification, kept until each token expires, so that a token seen before costs
 * one map lookup instead of an RSA check and a parse. Only a token that passed is ever put here. Holding claims is safe
 * for revocation because revocation is not a claim: the session of every request is still checked
 * ({@code AuthenticationFilter}, an L1 lookup invalidated across nodes). The key is the whole token, never a short hash
 * of it, so no two tokens can share an entry. Bounded: past {@code maxEntries} the expired entries go, and if none had
 * expired the map starts over (a miss only costs one verification).
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
     * The claims of {@code rawToken}, verified and read with {@code reader} only the first time it is seen (or once it
     * expired); whatever {@code reader} throws for a bad token reaches the caller, and nothing is kept.
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
