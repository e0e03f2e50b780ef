package io.riskbase.risk;

import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.QueryParams;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organization's risk methodology: everyone reads it, ADMINs change it (each change is a new version). */
@ApplicationScoped
@Path("/organization/methodology")
@Tag(name = "risks")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME, Role.APPROVER_NAME})
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class MethodologyResource {

    @Inject
    Caller caller;

    @Inject
    MethodologyService methodologies;

    @GET
    @Operation(
            operationId = "getMethodology",
            summary = "The organization's risk methodology",
            description = "Scales, levels, level grid, appetite and review intervals; the current version unless "
                    + "version names an older one. Version 1 is the built-in 5 × 5 default.")
    @APIResponse(
            responseCode = "200",
            description = "The methodology",
            content = @Content(schema = @Schema(implementation = MethodologyView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public MethodologyView get(
            @Parameter(
                            description = "an older version (1 = the built-in default)",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
                    @QueryParam("version")
                    String version) {
        Integer v = QueryParams.optionalInt("version", version, 1, Integer.MAX_VALUE);
        return v == null ? methodologies.current(caller.orgId()) : methodologies.version(caller.orgId(), v);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(
            operationId = "replaceMethodology",
            summary = "Change the risk methodology (ADMIN)",
            description = "Stores a new version. Risks keep the version they were scored with until they are written "
                    + "again. If shorter scales remove values that risks use, the change is refused with 409 naming "
                    + "how many risks use which values, unless mapping says what each removed value becomes; those "
                    + "risks are then rescored (with a history entry each).")
    @APIResponse(
            responseCode = "200",
            description = "The new version",
            content = @Content(schema = @Schema(implementation = MethodologyView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public MethodologyView replace(@NotNull @Valid MethodologyInput body) {
        return methodologies.replace(caller.orgId(), caller.userId(), body);
    }
}
