package io.riskbase.risk;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.risk.TaskViews.TaskInput;
import io.riskbase.risk.TaskViews.TaskView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The treatment plan of one risk: its tasks. VIEWER reads; ANALYST and ADMIN write. */
@ApplicationScoped
@Path("/risks/" + RiskResource.ID + "/tasks")
@Tag(name = "risks")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME, Role.APPROVER_NAME})
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class TaskResource {

    static final String TASK_ID = "{taskId: [0-9]{1,18}}";

    @Inject
    Caller caller;

    @Inject
    TaskService tasks;

    @GET
    @Operation(
            operationId = "listRiskTasks",
            summary = "Tasks of a risk's treatment plan",
            description = "Oldest first.")
    @APIResponse(
            responseCode = "200",
            description = "One page of tasks",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TaskView.class)),
            headers =
                    @Header(
                            name = "X-Total-Count",
                            description = "tasks of this risk",
                            schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response list(
            @Parameter(description = "risk id") @PathParam("id") long riskId,
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        return Page.fromCache(() -> tasks.ofRisk(caller.orgId(), riskId, paging));
    }

    @GET
    @Path(TASK_ID)
    @Operation(operationId = "getRiskTask", summary = "One task of a risk")
    @APIResponse(
            responseCode = "200",
            description = "The task",
            content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public TaskView get(
            @Parameter(description = "risk id") @PathParam("id") long riskId,
            @Parameter(description = "task id") @PathParam("taskId") long id) {
        return tasks.get(caller.orgId(), riskId, id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(operationId = "createRiskTask", summary = "Add a task to a risk's treatment plan (ADMIN, ANALYST)")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = TaskView.class)),
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response create(
            @Parameter(description = "risk id") @PathParam("id") long riskId,
            @NotNull @Valid TaskInput body,
            @Context UriInfo uri) {
        TaskView created = tasks.create(caller.orgId(), caller.userId(), riskId, body);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Long.toString(created.id()))
                        .build())
                .entity(created)
                .build();
    }

    @PATCH
    @Path(TASK_ID)
    @Consumes({RiskResource.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            operationId = "updateRiskTask",
            summary = "Change a task (ADMIN, ANALYST)",
            description = "A JSON merge patch; version, when sent, must be the current one (else 409).")
    @RequestBody(
            content =
                    @Content(mediaType = RiskResource.MERGE_PATCH, schema = @Schema(implementation = TaskInput.class)))
    @APIResponse(
            responseCode = "200",
            description = "The updated task",
            content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public TaskView patch(
            @Parameter(description = "risk id") @PathParam("id") long riskId,
            @Parameter(description = "task id") @PathParam("taskId") long id,
            JsonValue body) {
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest("The body must be a JSON object (a merge patch of the task)");
        }
        return tasks.patch(caller.orgId(), caller.userId(), riskId, id, body.asJsonObject());
    }

    // no body to negotiate: whatever a client accepts
    @Produces(MediaType.WILDCARD)
    @DELETE
    @Path(TASK_ID)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(operationId = "deleteRiskTask", summary = "Delete a task (ADMIN, ANALYST)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(
            @Parameter(description = "risk id") @PathParam("id") long riskId,
            @Parameter(description = "task id") @PathParam("taskId") long id) {
        tasks.delete(caller.orgId(), caller.userId(), riskId, id);
        return Response.noContent().build();
    }
}
