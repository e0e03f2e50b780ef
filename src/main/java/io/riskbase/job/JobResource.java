package io.riskbase.job;

import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.NoStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Progress of the caller's organization's jobs; any role may watch (the job's writes were checked when it started). */
@ApplicationScoped
@Path("/jobs")
@NoStore
@Tag(name = "jobs")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.APPROVER_NAME, Role.VIEWER_NAME})
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class JobResource {

    @Inject
    Caller caller;

    @Inject
    JobService jobs;

    @GET
    @Path("{id: [0-9]{1,18}}")
    @Operation(
            operationId = "getJob",
            summary = "State and progress of a job",
            description = "State, rows done of rows total (committed batches), counts and the first errors. "
                    + "Another organization's job is a 404.")
    @APIResponse(
            responseCode = "200",
            description = "The job",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public JobView get(@Parameter(description = "job id") @PathParam("id") long id) {
        return jobs.get(caller.orgId(), id);
    }
}
