package io.riskbase.dashboard;

import io.riskbase.dashboard.DashboardViews.StatsView;
import io.riskbase.dashboard.DashboardViews.TimelineView;
import io.riskbase.identity.OrganizationSettingsService;
import io.riskbase.platform.cache.CachedRepresentation;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.ZoneId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Dashboard figures of the caller's organization (every role). */
@ApplicationScoped
@Path("/dashboard")
@Tag(name = "dashboard")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME, Role.APPROVER_NAME})
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
public class DashboardResource {

    @Inject
    Caller caller;

    @Inject
    DashboardService dashboard;

    @Inject
    OrganizationSettingsService settings;

    @GET
    @Path("stats")
    @Operation(
            operationId = "getDashboardStats",
            summary = "Risk statistics",
            description = "Counts by severity (risks not CLOSED) and status (all), risks opened and closed "
                    + "in the rolling period, mean time to close of the risks closed in it, and "
                    + "the top 5 open risks by score.")
    @APIResponse(
            responseCode = "200",
            description = "The statistics",
            content = @Content(schema = @Schema(implementation = StatsView.class)))
    public Response stats(
            @Parameter(
                            description = "rolling window",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"7d", "30d", "90d"},
                                            defaultValue = "30d"))
                    @QueryParam("period")
                    String period) {
        Period parsed = Period.parse(period);
        CachedRepresentation stats = CachedRepresentation.of(() -> dashboard.stats(caller.orgId(), parsed));
        return Response.ok(stats).header(HttpHeaders.ETAG, stats.etag()).build();
    }

    @GET
    @Path("timeline")
    @Operation(
            operationId = "getDashboardTimeline",
            summary = "Opened and closed risks per day",
            description = "One point per day for the last N days including today, "
                    + "days counted in the organization's time zone (settings.timezone).")
    @APIResponse(
            responseCode = "200",
            description = "The timeline",
            content = @Content(schema = @Schema(implementation = TimelineView.class)))
    public TimelineView timeline(
            @Parameter(
                            description = "number of days, 1-365",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "365",
                                            defaultValue = "30"))
                    @QueryParam("days")
                    String days) {
        Integer n = QueryParams.optionalInt("days", days, 1, DashboardService.MAX_DAYS);
        long orgId = caller.orgId();
        return dashboard.timeline(
                orgId, n == null ? 30 : n, ZoneId.of(settings.get(orgId).timezone()));
    }
}
