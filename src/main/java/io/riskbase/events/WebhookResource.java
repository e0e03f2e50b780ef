package io.riskbase.events;

import io.riskbase.events.EventViews.DeliveryView;
import io.riskbase.events.EventViews.WebhookView;
import io.riskbase.events.WebhookService.NewWebhook;
import io.riskbase.events.WebhookService.WebhookPatch;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.NoStore;
import io.riskbase.platform.web.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Webhook endpoints of the caller's organization (ADMIN): CRUD, the delivery log, replays. */
@ApplicationScoped
@Path("/webhooks")
@NoStore
@Tag(name = "events")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed(Role.ADMIN_NAME)
public class WebhookResource {

    private static final String ID = "{id: [0-9]{1,18}}";

    @Inject
    Caller caller;

    @Inject
    WebhookService webhooks;

    @GET
    @Operation(operationId = "listWebhooks", summary = "List the organization's webhooks (without their secrets)")
    @APIResponse(
            responseCode = "200",
            description = "One page of webhooks",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = WebhookView.class)),
            headers =
                    @Header(
                            name = "X-Total-Count",
                            description = "webhooks of the organization",
                            schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return webhooks.list(caller.orgId(), PageRequest.of(page, size)).toResponse();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createWebhook",
            summary = "Create a webhook for event types; the answer holds its signing secret (whsec_…), shown once")
    @APIResponse(
            responseCode = "201",
            description = "Created; it receives the events committed from now on",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response create(@NotNull @Valid NewWebhook body, @Context UriInfo uri) {
        WebhookView created = webhooks.create(caller.orgId(), body);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Long.toString(created.id()))
                        .build())
                .entity(created)
                .build();
    }

    @GET
    @Path(ID)
    @Operation(operationId = "getWebhook", summary = "One webhook (without its secret)")
    @APIResponse(
            responseCode = "200",
            description = "The webhook",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public WebhookView get(@PathParam("id") long id) {
        return webhooks.get(caller.orgId(), id);
    }

    @PATCH
    @Path(ID)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "updateWebhook",
            summary = "Change a webhook's url or event types, or enable (retry at once) / disable it")
    @APIResponse(
            responseCode = "200",
            description = "The changed webhook",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public WebhookView update(@PathParam("id") long id, @NotNull @Valid WebhookPatch body) {
        return webhooks.update(caller.orgId(), id, body);
    }

    @DELETE
    @Path(ID)
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook and its delivery log")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("id") long id) {
        webhooks.delete(caller.orgId(), id);
        return Response.noContent().build();
    }

    @GET
    @Path(ID + "/deliveries")
    @Operation(
            operationId = "listWebhookDeliveries",
            summary = "A webhook's delivery log, newest event first: status, attempts, last error")
    @APIResponse(
            responseCode = "200",
            description = "One page of deliveries",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = DeliveryView.class)),
            headers =
                    @Header(
                            name = "X-Total-Count",
                            description = "deliveries of the webhook",
                            schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response deliveries(
            @PathParam("id") long id, @QueryParam("page") String page, @QueryParam("size") String size) {
        return webhooks.deliveries(caller.orgId(), id, PageRequest.of(page, size))
                .toResponse();
    }

    @POST
    @Path(ID + "/deliveries/{delivery: [0-9]{1,18}}/replay")
    @Operation(
            operationId = "replayWebhookDelivery",
            summary = "Send a delivery again (before the endpoint's other waiting deliveries)")
    @APIResponse(
            responseCode = "202",
            description = "Queued; the delivery log shows the outcome",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response replay(@PathParam("id") long id, @PathParam("delivery") long delivery) {
        return Response.accepted(webhooks.replay(caller.orgId(), id, delivery)).build();
    }
}
