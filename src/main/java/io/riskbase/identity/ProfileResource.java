package io.riskbase.identity;

import io.riskbase.identity.IdentityViews.OrganizationView;
import io.riskbase.identity.IdentityViews.UserView;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller, their organization and its settings. */
@ApplicationScoped
@Path("/")
@Tag(name = "identity")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME, Role.APPROVER_NAME})
public class ProfileResource {

    @Inject
    Caller caller;

    @Inject
    UserService users;

    @Inject
    OrganizationService organizations;

    @Inject
    OrganizationSettingsService settings;

    @GET
    @Path("me")
    @Operation(operationId = "getProfile", summary = "Profile of the caller")
    public UserView me() {
        return users.get(caller.orgId(), caller.userId());
    }

    @GET
    @Path("organization")
    @Operation(operationId = "getOrganization", summary = "The caller's organization")
    public OrganizationView organization() {
        return organizations.get(caller.orgId());
    }

    @GET
    @Path("organization/settings")
    @Operation(operationId = "getSettings", summary = "Settings of the caller's organization")
    public SettingsDocument settings() {
        return settings.get(caller.orgId());
    }

    @PUT
    @Path("organization/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(operationId = "replaceSettings", summary = "Replace the settings of the caller's organization (ADMIN)")
    @APIResponse(responseCode = "200", description = "The stored settings")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public SettingsDocument replaceSettings(@NotNull @Valid SettingsDocument body) {
        return settings.replace(caller.orgId(), body);
    }
}
