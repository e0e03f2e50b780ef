package io.riskbase.it.protection;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.riskbase.it.support.Api;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Forged tokens that carry the {@code jti} of a session that is live: the session check alone would let them in, so
 * only the signature and claim checks can refuse them. Each forgery changes one thing of a genuine token's claims (no
 * or a foreign signature, another issuer or audience, expired), and is sent to every operation that needs a token. The
 * control, the same claims signed with the node's own key, must be accepted: it shows the forgeries are refused for
 * what was forged, and would get in if that check were off.
 */
class ForgedTokenIT {

    private static final Logger LOG = Logger.getLogger(ForgedTokenIT.class.getName());

    private final RiskbaseEnvironment env = RiskbaseEnvironment.get();
    private final Api api = env.api();

    @Test
    void forgedTokensWithTheJtiOfALiveSessionAre401Everywhere() throws Exception {
        Session admin = Tenants.signup(api, "forged");
        // a viewer's genuine token, raised to ADMIN in the forgeries: a forgery that got in would also gain a role
        Session viewer = Tenants.addUser(admin, "VIEWER");
        JWTClaimsSet genuine = SignedJWT.parse(viewer.token()).getJWTClaimsSet();
        JWTClaimsSet raised = new JWTClaimsSet.Builder(genuine)
                .claim("groups", List.of("ADMIN"))
                .build();
        PrivateKey nodeKey = privateKey(env.nodeEnvironment().get("RISKBASE_JWT_PRIVATE_KEY"));
        KeyPair foreign = rsaKeyPair();
        long now = System.currentTimeMillis() / 1000;

        // the control: the session is live and these claims, properly signed, are accepted (and are an ADMIN's)
        String control = rs256(raised, new RSASSASigner(nodeKey), null);
        api.as(control).get("/api/v1/me").expect(200);
        api.as(control).get("/api/v1/users").expect(200);

        Map<String, String> forgeries = new LinkedHashMap<>();
        forgeries.put("alg none", new PlainJWT(raised).serialize());
        forgeries.put("alg none, genuine signature kept", noneWithSignature(raised, viewer.token()));
        forgeries.put("claims changed under the genuine signature", swapPayload(viewer.token(), raised));
        forgeries.put("signed with a foreign RSA key", rs256(raised, new RSASSASigner(foreign.getPrivate()), null));
        forgeries.put(
                "signed with a foreign RSA key that the header embeds as its jwk",
                rs256(
                        raised,
                        new RSASSASigner(foreign.getPrivate()),
                        new RSAKey.Builder((RSAPublicKey) foreign.getPublic()).build()));
        forgeries.put("HS256 keyed with the node's public key", hs256(raised));
        forgeries.put("wrong issuer", rs256(with(raised, b -> b.issuer("https://evil.example")), nodeKey));
        forgeries.put("wrong audience", rs256(with(raised, b -> b.audience("someone-else")), nodeKey));
        forgeries.put("no audience", rs256(with(raised, b -> b.audience((String) null)), nodeKey));
        forgeries.put(
                "expired an hour ago",
                rs256(
                        with(
                                raised,
                                b -> b.issueTime(new Date((now - 7200) * 1000))
                                        .expirationTime(new Date((now - 3600) * 1000))),
                        nodeKey));
        forgeries.put(
                "expired five seconds ago (within the verifier's clock skew)",
                rs256(with(raised, b -> b.expirationTime(new Date((now - 5) * 1000))), nodeKey));

        List<String[]> protectedOperations = new ArrayList<>();
        for (FuzzIT.Operation op : FuzzIT.operations(
                FuzzIT.json(api.get("/openapi?format=JSON").expect(200).body()))) {
            String[] call = {op.method(), op.path().replaceAll("\\{[^}]+}", Long.toString(admin.userId()))};
            if (send(api, call).status() == 401) {
                protectedOperations.add(call);
            }
        }
        assertTrue(protectedOperations.size() >= 8, "protected operations: " + protectedOperations.size());
        List<String> accepted = new ArrayList<>();
        for (var forgery : forgeries.entrySet()) {
            for (String[] call : protectedOperations) {
                var response = send(api.as(forgery.getValue()), call);
                if (response.status() != 401) {
                    accepted.add(forgery.getKey() + ": " + call[0] + " " + call[1] + " -> " + response.status());
                } else {
                    response.expectProblem(401, null);
                }
            }
        }
        LOG.info(forgeries.size() + " forgeries x " + protectedOperations.size() + " operations, " + accepted.size()
                + " accepted");
        assertTrue(accepted.isEmpty(), String.join("\n", accepted));
        // the forgeries were refused for what they forged: the session they named is still live
        viewer.api().get("/api/v1/me").expect(200);
        api.as(control).get("/api/v1/me").expect(200);
    }

    private static io.riskbase.it.support.ApiResponse send(Api as, String[] call) {
        String body = switch (call[0]) {
            case "GET", "DELETE", "HEAD", "OPTIONS" -> null;
            default -> "{}";
        };
        // 352 requests from one address drain its write bucket: a 429 means "not checked yet"
        return as.sendWaitingOutRateLimits(call[0], call[1], body, body == null ? null : "application/json");
    }

    private static JWTClaimsSet with(JWTClaimsSet claims, UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(new JWTClaimsSet.Builder(claims)).build();
    }

    private static String rs256(JWTClaimsSet claims, PrivateKey key) throws Exception {
        return rs256(claims, new RSASSASigner(key), null);
    }

    private static String rs256(JWTClaimsSet claims, JWSSigner signer, RSAKey embedded) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT);
        if (embedded != null) {
            header.jwk(embedded);
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** The algorithm-confusion attack: an HMAC whose secret is the verifier's public key. */
    private String hs256(JWTClaimsSet claims) throws Exception {
        byte[] secret = env.nodeEnvironment().get("RISKBASE_JWT_PUBLIC_KEY").getBytes(StandardCharsets.US_ASCII);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static String noneWithSignature(JWTClaimsSet claims, String genuine) {
        String[] parts = new PlainJWT(claims).serialize().split("\\.", -1);
        return parts[0] + "." + parts[1] + "." + genuine.split("\\.")[2];
    }

    private static String swapPayload(String genuine, JWTClaimsSet claims) {
        String[] parts = genuine.split("\\.");
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }

    private static PrivateKey privateKey(String pem) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", ""));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
