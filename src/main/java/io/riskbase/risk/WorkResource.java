package io.riskbase.risk;

import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.risk.TaskViews.TaskView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Treatment tasks across all risks of the organization: a person's work list. */
@ApplicationScoped
@Path("/tasks")
@Tag(name = "risks")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME, Role.APPROVER_NAME})
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class WorkResource {

    @Inject
    Caller caller;

    @Inject
    TaskService tasks;

    @GET
    @Operation(
            operationId = "listTasks",
            summary = "Tasks across risks",
            description = "Earliest due first (tasks without a due date last). Filters combine with AND.")
    @APIResponse(
            responseCode = "200",
            description = "One page of tasks",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TaskView.class)),
            headers =
                    @Header(
                            name = "X-Total-Count",
                            description = "tasks matching the filters",
                            schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response list(
            @Parameter(
                            description = "user id of the owner, or 'me'",
                            schema = @Schema(type = SchemaType.STRING, pattern = "^([0-9]{1,18}|me)$"))
                    @QueryParam("owner")
                    String owner,
            @Parameter(
                            description = "open (OPEN and IN_PROGRESS), or OPEN, IN_PROGRESS, DONE, CANCELLED "
                                    + "comma-separated",
                            example = "open")
                    @QueryParam("status")
                    String status,
            @Parameter(
                            description = "only tasks due before this date (ISO, exclusive)",
                            schema = @Schema(type = SchemaType.STRING, format = "date"))
                    @QueryParam("due_before")
                    String dueBefore,
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        TaskFilter filter = TaskFilter.parse(owner, status, dueBefore, caller.userId());
        PageRequest paging = PageRequest.of(page, size);
        return Page.fromCache(() -> tasks.search(caller.orgId(), filter, paging));
    }
}
