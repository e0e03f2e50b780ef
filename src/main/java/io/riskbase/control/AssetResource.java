package io.riskbase.control;

import io.riskbase.control.CatalogRepository.AssetFilter;
import io.riskbase.control.CatalogViews.AssetInput;
import io.riskbase.control.CatalogViews.AssetView;
import io.riskbase.control.CatalogViews.HistoryEntryView;
import io.riskbase.control.CatalogViews.LinkedRisk;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.platform.web.QueryParams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Assets: what risks threaten. VIEWER reads; ANALYST and ADMIN write. */
@ApplicationScoped
@Path("/assets")
@Tag(name = "assets")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.APPROVER_NAME, Role.VIEWER_NAME})
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class AssetResource {

    static final String ID = "{id: [0-9]{1,18}}";

    @Inject
    Caller caller;

    @Inject
    AssetSchemeService schemes;

    @Inject
    AssetService assets;

    @GET
    @Operation(operationId = "listAssets", summary = "Assets, filtered and paged", description = "By id.")
    @APIResponse(
            responseCode = "200",
            description = "One page of assets",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AssetView.class)),
            headers = @Header(name = "X-Total-Count", schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response list(
            @Parameter(description = "asset type, e.g. application") @QueryParam("type") String type,
            @Parameter(description = "owner's user id") @QueryParam("owner_id") String owner,
            @Parameter(description = "minimum criticality 1-10") @QueryParam("min_criticality") String criticality,
            @Parameter(description = "one tag") @QueryParam("tag") String tag,
            @Parameter(description = "text in the name (case-insensitive)") @QueryParam("q") String q,
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        String t = type == null || type.isBlank() ? null : type.strip().toLowerCase(Locale.ROOT);
        if (t != null && !t.matches(AssetScheme.TYPE)) {
            throw ApiException.badRequest(
                    "Query parameter 'type' must be an asset type (lower-case letters, digits, '_'" + " or '-', 1-32)");
        }
        Integer ownerId = QueryParams.optionalInt("owner_id", owner, 1, Integer.MAX_VALUE);
        AssetFilter filter = new AssetFilter(
                t,
                ownerId == null ? null : ownerId.longValue(),
                QueryParams.optionalInt("min_criticality", criticality, 1, AssetScheme.MAX_CRITICALITY),
                text("tag", tag, 40),
                text("q", q, 200));
        PageRequest paging = PageRequest.of(page, size);
        return Page.fromCache(() -> assets.list(caller.orgId(), filter, paging));
    }

    @GET
    @Path(ID)
    @Operation(operationId = "getAsset", summary = "One asset")
    @APIResponse(
            responseCode = "200",
            description = "The asset",
            content = @Content(schema = @Schema(implementation = AssetView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public AssetView get(@Parameter(description = "asset id") @PathParam("id") long id) {
        return assets.get(caller.orgId(), id);
    }

    @GET
    @Path("scheme")
    @Operation(
            operationId = "getAssetScheme",
            summary = "The organization's asset types and criticality scale",
            description = "Until an ADMIN changes it: the eight built-in types and criticality 1-5.")
    @APIResponse(
            responseCode = "200",
            description = "The scheme",
            content = @Content(schema = @Schema(implementation = AssetScheme.class)))
    public AssetScheme scheme() {
        return schemes.get(caller.orgId());
    }

    @PUT
    @Path("scheme")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(
            operationId = "replaceAssetScheme",
            summary = "Replace the organization's asset types and criticality scale (ADMIN)",
            description = "New and changed assets must use a listed type and a criticality within the scale; existing"
                    + " assets keep values that are no longer listed until those fields change.")
    @APIResponse(
            responseCode = "200",
            description = "The scheme now",
            content = @Content(schema = @Schema(implementation = AssetScheme.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public AssetScheme replaceScheme(@NotNull @Valid AssetScheme body) {
        return schemes.replace(caller.orgId(), caller.userId(), body);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(operationId = "createAsset", summary = "Add an asset (ADMIN, ANALYST)")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = AssetView.class)),
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response create(@NotNull @Valid AssetInput body, @Context UriInfo uri) {
        AssetView created = assets.create(caller.orgId(), caller.userId(), body);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(Long.toString(created.id()))
                        .build())
                .entity(created)
                .build();
    }

    @PUT
    @Path(ID)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            operationId = "replaceAsset",
            summary = "Replace an asset (ADMIN, ANALYST)",
            description = "version, when sent, must be the current one (else 409).")
    @APIResponse(
            responseCode = "200",
            description = "The asset",
            content = @Content(schema = @Schema(implementation = AssetView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public AssetView replace(
            @Parameter(description = "asset id") @PathParam("id") long id, @NotNull @Valid AssetInput body) {
        return assets.replace(caller.orgId(), caller.userId(), id, body);
    }

    @Produces(MediaType.WILDCARD)
    @DELETE
    @Path(ID)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            operationId = "deleteAsset",
            summary = "Delete an asset (ADMIN, ANALYST)",
            description = "Detaches it from every risk in the same transaction.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@Parameter(description = "asset id") @PathParam("id") long id) {
        assets.delete(caller.orgId(), caller.userId(), id);
        return Response.noContent().build();
    }

    @GET
    @Path(ID + "/risks")
    @Operation(operationId = "listAssetRisks", summary = "The risks that threaten an asset")
    @APIResponse(
            responseCode = "200",
            description = "One page of risks, newest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = LinkedRisk.class)),
            headers = @Header(name = "X-Total-Count", schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response risks(
            @Parameter(description = "asset id") @PathParam("id") long id,
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        return Page.fromCache(() -> assets.risks(caller.orgId(), id, paging));
    }

    @GET
    @Path(ID + "/history")
    @Operation(operationId = "getAssetHistory", summary = "An asset's audit trail, newest first (links included)")
    @APIResponse(
            responseCode = "200",
            description = "One page of entries",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = HistoryEntryView.class)),
            headers = @Header(name = "X-Total-Count", schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response history(
            @Parameter(description = "asset id") @PathParam("id") long id,
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        return Page.fromCache(() -> assets.history(caller.orgId(), id, paging));
    }

    static String text(String name, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw ApiException.badRequest("Query parameter '" + name + "' must be at most " + max + " characters");
        }
        return value.strip();
    }
}
