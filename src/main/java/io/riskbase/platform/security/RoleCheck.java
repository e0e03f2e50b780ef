package io.riskbase.platform.security;

import io.riskbase.platform.errors.ApiException;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Answers 403 when the authenticated caller holds none of the roles an endpoint's {@code @RolesAllowed} names (the
 * method's, else its class's). The authenticating filters have set the security context by now, and a request without
 * credentials has already been answered 401 by then. Liberty's own check (appSecurity) would deny too, but it judges
 * 401 against 403 by its own login state, which the application's authentication does not set: it would tell a VIEWER
 * to log in again instead of that the role does not allow it.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RoleCheck implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        RolesAllowed allowed = rolesAllowed();
        if (allowed == null) {
            return;
        }
        SecurityContext security = request.getSecurityContext();
        for (String role : allowed.value()) {
            if (security.isUserInRole(role)) {
                return;
            }
        }
        throw ApiException.forbidden("Your role does not allow this operation");
    }

    private RolesAllowed rolesAllowed() {
        Method method = resourceInfo.getResourceMethod();
        if (method == null || method.isAnnotationPresent(PermitAll.class)) {
            return null;
        }
        RolesAllowed onMethod = method.getAnnotation(RolesAllowed.class);
        return onMethod != null ? onMethod : resourceInfo.getResourceClass().getAnnotation(RolesAllowed.class);
    }
}
