package io.riskbase.events;

import io.riskbase.events.EventService.FeedPage;
import io.riskbase.events.EventViews.EventView;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.NoStore;
import io.riskbase.platform.web.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organization's change feed (ADMIN, or an API key with the admin scope). */
@ApplicationScoped
@Path("/events")
@NoStore
@Tag(name = "events")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Role.ADMIN_NAME)
public class EventResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    @Inject
    Caller caller;

    @Inject
    EventService events;

    /** A page of the feed. */
    public record Feed(
            List<EventView> data,
            @JsonbProperty("next_after") String nextAfter,
            @JsonbProperty("has_more") boolean hasMore) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "listEvents",
            summary = "The organization's events after a cursor, in commit order, without gaps or duplicates")
    @APIResponse(
            responseCode = "200",
            description = "Up to limit events; next_after is the cursor to ask with next (the same when none is new)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Feed.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Feed list(
            @Parameter(description = "cursor: events after this one (next_after of the previous page; 0 = start)")
                    @QueryParam("after")
                    String after,
            @Parameter(description = "page size, 1-500 (default 100)") @QueryParam("limit") String limit) {
        long cursor = cursor(after);
        Integer size = QueryParams.optionalInt("limit", limit, 1, MAX_LIMIT);
        FeedPage page = events.after(caller.orgId(), cursor, size == null ? DEFAULT_LIMIT : size);
        return new Feed(page.events(), Long.toString(page.nextAfter()), page.hasMore());
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getEvent", summary = "One event of the organization by its id (evt_…)")
    @APIResponse(
            responseCode = "200",
            description = "The event",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EventView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public EventView get(@PathParam("id") String id) {
        return events.get(caller.orgId(), eventId(id));
    }

    static long eventId(String id) {
        String digits = id.startsWith("evt_") ? id.substring(4) : id;
        try {
            long n = Long.parseLong(digits);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below: an id that cannot exist is not found, like any other
        }
        throw ApiException.notFound("Event " + QueryParams.abbreviate(id));
    }

    private static long cursor(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            long n = Long.parseLong(after.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("Query parameter 'after' must be a cursor from next_after (a whole number >= 0),"
                + " was '" + QueryParams.abbreviate(after) + "'");
    }
}
