package io.riskbase.identity;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * The claims of the ID token Liberty's OpenID Connect client (openidConnectClient-1.0) validated for the current
 * request: signature against the provider's keys, issuer, audience, expiry and nonce are its work, not ours. Read
 * through Liberty's public API {@code com.ibm.websphere.security.openidconnect.PropagationHelper} (an "ibm-api" package
 * every application sees); by reflection, so the build needs no IBM jar and a server without the feature simply has no
 * token.
 */
final class SsoIdToken {

    private static final String HELPER = "com.ibm.websphere.security.openidconnect.PropagationHelper";
    private static final String ID_TOKEN = "com.ibm.websphere.security.openidconnect.token.IdToken";

    private SsoIdToken() {}

    static Optional<JsonObject> current() {
        ClassLoader loader = SsoIdToken.class.getClassLoader();
        Object token;
        String json;
        try {
            Class<?> helper = Class.forName(HELPER, true, loader);
            token = helper.getMethod("getIdToken").invoke(null);
            if (token == null) {
                return Optional.empty();
            }
            json = (String) Class.forName(ID_TOKEN, true, loader)
                    .getMethod("getAllClaimsAsJson")
                    .invoke(token);
        } catch (ClassNotFoundException | LinkageError e) {
            // RISKBASE_SSO=off: the feature and its API are not there, so no sign-in can have happened
            return Optional.empty();
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Liberty's OpenID Connect API did not answer", e);
        }
        return json == null
                ? Optional.empty()
                : Optional.of(Json.createReader(new StringReader(json)).readObject());
    }
}
