package io.riskbase.identity;

import io.riskbase.platform.cache.CacheDeclaration;
import io.riskbase.platform.cache.Namespace;
import jakarta.enterprise.context.Dependent;
import java.util.List;

/** The cache namespaces of identity, and the change other features' views of users subscribe to. */
@Dependent
public class IdentityCache implements CacheDeclaration {

    public static final String ORGANIZATION = "organization";
    public static final String SETTINGS = "settings";
    public static final String USER = "user";
    public static final String USER_LIST = "user-list";
    /** Checked on every authenticated request, besides its answer: never the response's ETag. */
    public static final String SESSION = "session";
    /** The API key behind a secret, checked on every key-authenticated request: never the response's ETag. */
    public static final String API_KEY = "api-key";

    /** A user was deleted; the database cleared them as owner of their risks (ON DELETE SET NULL). */
    public static final String USER_DELETED = "user-deleted";

    @Override
    public List<Namespace> namespaces() {
        return List.of(
                Namespace.tenant(ORGANIZATION),
                Namespace.tenant(SETTINGS),
                Namespace.tenant(USER),
                Namespace.tenant(USER_LIST),
                Namespace.tenant(SESSION).withoutEtag(),
                Namespace.tenant(API_KEY).withoutEtag().invalidatedBy(USER_DELETED));
    }

    @Override
    public List<String> changes() {
        return List.of(USER_DELETED);
    }
}
