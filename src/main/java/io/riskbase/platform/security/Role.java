package io.riskbase.platform.security;

/**
 * What a user may do inside their organization. Names are the JWT groups checked by {@code @RolesAllowed}. APPROVER
 * reads everything VIEWER reads and decides risk acceptances (approve or reject another user's request); it writes
 * nothing else.
 */
public enum Role {
    ADMIN,
    ANALYST,
    VIEWER,
    APPROVER;

    public static final String ADMIN_NAME = "ADMIN";
    public static final String ANALYST_NAME = "ANALYST";
    public static final String VIEWER_NAME = "VIEWER";
    public static final String APPROVER_NAME = "APPROVER";
}
