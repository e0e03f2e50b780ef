package io.riskbase.marketplace;

import io.riskbase.marketplace.MarketplaceViews.AppView;
import io.riskbase.marketplace.MarketplaceViews.ConnectorDetailView;
import io.riskbase.marketplace.MarketplaceViews.ConnectorView;
import io.riskbase.marketplace.MarketplaceViews.InstallationRequest;
import io.riskbase.marketplace.MarketplaceViews.InstallationView;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.platform.web.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
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

/** The connector catalogue (every role) and installations in the caller's organization (ADMIN installs). */
@ApplicationScoped
@Path("/marketplace")
@Tag(name = "marketplace")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME, Role.APPROVER_NAME})
@APIResponse(responseCode = "401", ref = "Unauthorized")
public class MarketplaceResource {

    static final String ID = "{id: [0-9]{1,18}}";

    @Inject
    Caller caller;

    @Inject
    MarketplaceService marketplace;

    @Inject
    Validator validator;

    @GET
    @Path("connectors")
    @Operation(
            operationId = "listConnectors",
            summary = "List connectors of the catalogue",
            description = "Ordered by name. Page size default 20, maximum 100.")
    @APIResponse(
            responseCode = "200",
            description = "One page of connectors",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ConnectorView.class)),
            headers =
                    @Header(
                            name = "X-Total-Count",
                            description = "connectors matching the filters",
                            schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response connectors(
            @Parameter(description = "one of the catalogue's categories, e.g. ticketing, siem, cloud")
                    @QueryParam("category")
                    String category,
            @Parameter(
                            description = "AVAILABLE, BETA or DEPRECATED",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"AVAILABLE", "BETA", "DEPRECATED"}))
                    @QueryParam("status")
                    String status,
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        String cat = category == null || category.isBlank() ? null : category.strip();
        return marketplace
                .connectors(
                        cat,
                        QueryParams.optionalEnum("status", status, Connector.Status.class),
                        PageRequest.of(page, size))
                .toResponse();
    }

    @GET
    @Path("connectors/" + ID)
    @Operation(operationId = "getConnector", summary = "One connector with its apps")
    @APIResponse(
            responseCode = "200",
            description = "The connector",
            content = @Content(schema = @Schema(implementation = ConnectorDetailView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public ConnectorDetailView connector(@Parameter(description = "connector id") @PathParam("id") long id) {
        return marketplace.connector(id);
    }

    @GET
    @Path("apps/" + ID)
    @Operation(operationId = "getApp", summary = "One app of a connector")
    @APIResponse(
            responseCode = "200",
            description = "The app",
            content = @Content(schema = @Schema(implementation = AppView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public AppView app(@Parameter(description = "app id") @PathParam("id") long id) {
        return marketplace.app(id);
    }

    @GET
    @Path("installations")
    @Operation(operationId = "listInstallations", summary = "Connectors installed in the caller's organization")
    @APIResponse(
            responseCode = "200",
            description = "All installations, oldest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = InstallationView.class)))
    public List<InstallationView> installations() {
        return marketplace.installations(caller.orgId());
    }

    @GET
    @Path("connectors/" + ID + "/installation")
    @Operation(operationId = "getInstallation", summary = "The caller's organization's installation of a connector")
    @APIResponse(
            responseCode = "200",
            description = "The installation",
            content = @Content(schema = @Schema(implementation = InstallationView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public InstallationView installation(@Parameter(description = "connector id") @PathParam("id") long id) {
        return marketplace.installation(caller.orgId(), id);
    }

    @POST
    @Path("connectors/" + ID + "/installation")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(
            operationId = "installConnector",
            summary = "Install a connector in the caller's organization (ADMIN)",
            description = "The body is optional.")
    @RequestBody(
            required = false,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = InstallationRequest.class)))
    @APIResponse(
            responseCode = "201",
            description = "Installed",
            content = @Content(schema = @Schema(implementation = InstallationView.class)),
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response install(
            @Parameter(description = "connector id") @PathParam("id") long id, String body, @Context UriInfo uri) {
        InstallationRequest request = InstallationRequest.parse(body, validator);
        InstallationView installed = marketplace.install(caller.orgId(), caller.userId(), id, request.config());
        return Response.created(uri.getAbsolutePath()).entity(installed).build();
    }

    // no body to negotiate: whatever a client accepts (a generated one asks for problem+json only)
    @Produces(MediaType.WILDCARD)
    @DELETE
    @Path("connectors/" + ID + "/installation")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(
            operationId = "uninstallConnector",
            summary = "Uninstall a connector from the caller's organization (ADMIN)")
    @APIResponse(responseCode = "204", description = "Uninstalled")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response uninstall(@Parameter(description = "connector id") @PathParam("id") long id) {
        marketplace.uninstall(caller.orgId(), id);
        return Response.noContent().build();
    }
}
