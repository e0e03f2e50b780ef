package io.riskbase.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.TokenClaims;
import io.riskbase.platform.security.VerifiedTokens;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Verifies the access tokens {@link TokenService} issues: RS256 only, with the node's own public key (never a key the
 * token names), issuer, audience, subject, id and an expiry in the future, exactly (no clock skew: the same node pair
 * signs and checks). A token that passed is remembered until it expires ({@link VerifiedTokens}), so RSA and the claim
 * parsing run once per token and node; revocation is not a claim, and the session of every request is still checked.
 */
final class TokenVerifier {

    /** Tokens are issued for hours at most: 20,000 live ones is far more than a node serves at once. */
    private static final int REMEMBERED = 20_000;

    private final RSASSAVerifier signature;
    private final String issuer;
    private final String audience;
    private final LongSupplier nowSeconds;
    private final VerifiedTokens<TokenClaims> verified;

    TokenVerifier(RSAPublicKey key, String issuer, String audience, LongSupplier nowSeconds) {
        this.signature = new RSASSAVerifier(key);
        this.issuer = issuer;
        this.audience = audience;
        this.nowSeconds = nowSeconds;
        this.verified = new VerifiedTokens<>(REMEMBERED, nowSeconds);
    }

    /** The claims of a genuine, unexpired token; a 401 naming what is wrong otherwise. */
    TokenClaims verify(String rawToken) {
        return verified.claims(rawToken, this::check, TokenClaims::expiresAt);
    }

    private TokenClaims check(String rawToken) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(rawToken);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("is not a signed JWT");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw invalid("is not signed with RS256");
        }
        try {
            if (!jwt.verify(signature)) {
                throw invalid("has a signature this server did not make");
            }
        } catch (JOSEException e) {
            throw invalid("has a signature that cannot be checked");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw invalid("was issued by someone else");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw invalid("is meant for another audience");
        }
        Date expiry = claims.getExpirationTime();
        if (expiry == null || expiry.getTime() / 1000 <= nowSeconds.getAsLong()) {
            throw ApiException.unauthorized("The token has expired");
        }
        if (claims.getSubject() == null || claims.getJWTID() == null) {
            throw invalid("names no user or session");
        }
        return new TokenClaims(
                claims.getSubject(), org(claims), claims.getJWTID(), groups(claims), expiry.getTime() / 1000);
    }

    private static OptionalLong org(JWTClaimsSet claims) {
        return claims.getClaim(TokenClaims.ORG) instanceof Number n
                ? OptionalLong.of(n.longValue())
                : OptionalLong.empty();
    }

    private static Set<String> groups(JWTClaimsSet claims) {
        try {
            List<String> groups = claims.getStringListClaim("groups");
            return groups == null ? Set.of() : Set.copyOf(groups);
        } catch (ParseException e) {
            throw invalid("has groups that are not a list of names");
        }
    }

    private static ApiException invalid(String why) {
        return ApiException.unauthorized("The bearer token " + why);
    }
}
