package io.riskbase.platform.security;

/** What a user may do inside their organization. Names are the JWT groups checked by {@code @RolesAllowed}. */
public enum Role {
    ADMIN,
    ANALYST,
    VIEWER;

    public static final String ADMIN_NAME = "ADMIN";
    public static final String ANALYST_NAME = "ANALYST";
    public static final String VIEWER_NAME = "VIEWER";
}
