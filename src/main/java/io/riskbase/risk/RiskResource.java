package io.riskbase.risk;

import io.riskbase.platform.cache.CachedRepresentation;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.platform.web.QueryParams;
import io.riskbase.risk.RiskViews.HistoryEntryView;
import io.riskbase.risk.RiskViews.MatrixView;
import io.riskbase.risk.RiskViews.RiskView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The risk register of the caller's organization. VIEWER reads; ANALYST and ADMIN write. */
@ApplicationScoped
@Path("/risks")
@Tag(name = "risks")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME, Role.APPROVER_NAME})
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class RiskResource {

    static final String ID = "{id: [0-9]{1,18}}";
    static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    Caller caller;

    @Inject
    RiskService risks;

    @Inject
    RiskBulkEdit bulk;

    @GET
    @Operation(
            operationId = "listRisks",
            summary = "List risks",
            description = "Filtered, sorted and paginated. Filters combine with AND; severity and status take "
                    + "comma-separated lists (OR within the list). Page size default 20, maximum 100.")
    @APIResponse(
            responseCode = "200",
            description = "One page of risks",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RiskView.class)),
            headers =
                    @Header(
                            name = "X-Total-Count",
                            description = "risks matching the filters",
                            schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response list(
            @Parameter(
                            description = "LOW, MEDIUM, HIGH, CRITICAL; comma-separated for several",
                            example = "HIGH,CRITICAL")
                    @QueryParam("severity")
                    String severity,
            @Parameter(
                            description = "OPEN, MITIGATING, ACCEPTED, CLOSED; comma-separated for several",
                            example = "OPEN,MITIGATING")
                    @QueryParam("status")
                    String status,
            @Parameter(
                            description = "user id of the owner, or 'me'",
                            schema = @Schema(type = SchemaType.STRING, pattern = "^([0-9]{1,18}|me)$"))
                    @QueryParam("owner")
                    String owner,
            @Parameter(
                            description = "category",
                            schema = @Schema(type = SchemaType.STRING, pattern = RiskInput.CATEGORY))
                    @QueryParam("category")
                    String category,
            @Parameter(description = "words that must all occur in title or description (max 200 characters)")
                    @QueryParam("q")
                    String q,
            @Parameter(
                            description = "inherent level keys of the methodology, comma-separated",
                            example = "HIGH,CRITICAL")
                    @QueryParam("inherent_level")
                    String inherentLevel,
            @Parameter(description = "residual level keys, comma-separated", example = "HIGH")
                    @QueryParam("residual_level")
                    String residualLevel,
            @Parameter(description = "target level keys, comma-separated", example = "LOW") @QueryParam("target_level")
                    String targetLevel,
            @Parameter(
                            description = "overdue (next review before now) or due_within:<ISO duration> "
                                    + "(e.g. due_within:P14D, at most P3650D); now is taken to the minute",
                            example = "due_within:P14D")
                    @QueryParam("review")
                    String review,
            @Parameter(
                            description = "score, created_at, updated_at, due_date, title, severity, "
                                    + "likelihood, impact, inherent_level, residual_level, target_level, "
                                    + "next_review_at "
                                    + "(prefix '-' for descending), "
                                    + "or relevance (with q); default -created_at",
                            example = "-score")
                    @QueryParam("sort")
                    String sort,
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        RiskFilter filter = RiskFilter.parse(severity, status, owner, category, q, caller.userId())
                .withLevels(inherentLevel, residualLevel, targetLevel)
                .withReview(
                        review,
                        java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
                                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        RiskSort order = RiskSort.parse(sort, filter.text() != null, RiskSort.DEFAULT);
        PageRequest paging = PageRequest.of(page, size);
        return Page.fromCache(() -> risks.list(caller.orgId(), filter, order, paging));
    }

    @GET
    @Path("search")
    @Operation(
            operationId = "searchRisks",
            summary = "Search risks by text",
            description = "All words of q must occur in title or description (PostgreSQL: full-text "
                    + "index, 'simple' configuration, whole words; embedded database: "
                    + "substrings). Ordered by relevance unless sort is given.")
    @APIResponse(
            responseCode = "200",
            description = "One page of matching risks",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RiskView.class)),
            headers =
                    @Header(
                            name = "X-Total-Count",
                            description = "matching risks",
                            schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response search(
            @Parameter(description = "search text, 1-200 characters with at least one letter or digit", required = true)
                    @QueryParam("q")
                    String q,
            @Parameter(description = "relevance (default) or any list sort field") @QueryParam("sort") String sort,
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        String text = RiskFilter.text("q", q, true);
        RiskSort order = RiskSort.parse(sort, true, RiskSort.RELEVANCE);
        PageRequest paging = PageRequest.of(page, size);
        return Page.fromCache(() -> risks.search(caller.orgId(), text, order, paging));
    }

    @GET
    @Path("matrix")
    @Operation(
            operationId = "getRiskMatrix",
            summary = "Risk matrix",
            description = "Counts of risks per likelihood × impact of the basis (inherent by default), every cell of "
                    + "the organization's current methodology (5 × 5 = 25 by default) with its level. Counts risks "
                    + "that are not CLOSED unless status says otherwise; basis=target counts risks with a target.")
    @APIResponse(
            responseCode = "200",
            description = "The matrix",
            content = @Content(schema = @Schema(implementation = MatrixView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response matrix(
            @Parameter(
                            description = "statuses to count, comma-separated; default OPEN,MITIGATING,ACCEPTED",
                            example = "OPEN")
                    @QueryParam("status")
                    String status,
            @Parameter(
                            description = "which pair to count: inherent (default), residual or target",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"inherent", "residual", "target"}))
                    @QueryParam("basis")
                    String basis) {
        ScoreBasis chosen = QueryParams.optionalEnum("basis", basis, ScoreBasis.class);
        List<RiskStatus> statuses = RiskFilter.enums("status", status, RiskStatus.class);
        if (statuses.isEmpty()) {
            statuses = Arrays.stream(RiskStatus.values())
                    .filter(s -> s != RiskStatus.CLOSED)
                    .toList();
        }
        List<RiskStatus> counted = statuses;
        ScoreBasis counting = chosen == null ? ScoreBasis.INHERENT : chosen;
        return cached(CachedRepresentation.of(() -> risks.matrix(caller.orgId(), counted, counting)));
    }

    @GET
    @Path(ID)
    @Operation(
            operationId = "getRisk",
            summary = "One risk",
            description = "The ETag header carries the version for If-Match on writes.")
    @APIResponse(
            responseCode = "200",
            description = "The risk",
            content = @Content(schema = @Schema(implementation = RiskView.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "strong entity tag: the quoted version",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@Parameter(description = "risk id") @PathParam("id") long id) {
        return cached(CachedRepresentation.of(() -> risks.get(caller.orgId(), id)));
    }

    @GET
    @Path(ID + "/history")
    @Operation(
            operationId = "getRiskHistory",
            summary = "Audit trail of a risk",
            description = "Who changed which fields when, old and new values, newest first. "
                    + "Kept after the risk is deleted. Page size default 20, maximum 100.")
    @APIResponse(
            responseCode = "200",
            description = "One page of history entries",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = HistoryEntryView.class)),
            headers =
                    @Header(
                            name = "X-Total-Count",
                            description = "entries of this risk",
                            schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response history(
            @Parameter(description = "risk id") @PathParam("id") long id,
            @Parameter(ref = "page") @QueryParam("page") String page,
            @Parameter(ref = "size") @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        return Page.fromCache(() -> risks.history(caller.orgId(), id, paging));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(operationId = "createRisk", summary = "Create a risk (ADMIN, ANALYST)")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = RiskView.class)),
            headers = {
                @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response create(@NotNull @Valid RiskInput body, @Context UriInfo uri) {
        RiskView created = risks.create(caller.orgId(), caller.userId(), body);
        return withTag(
                Response.created(uri.getAbsolutePathBuilder()
                        .path(Long.toString(created.id()))
                        .build()),
                created);
    }

    @PUT
    @Path(ID)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            operationId = "replaceRisk",
            summary = "Replace a risk (ADMIN, ANALYST)",
            description = "Needs If-Match with the ETag, or the version in the body. "
                    + "Omitted optional fields are cleared; status defaults to OPEN, severity to "
                    + "the one the score suggests.")
    @APIResponse(
            responseCode = "200",
            description = "The updated risk",
            content = @Content(schema = @Schema(implementation = RiskView.class)),
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response replace(
            @Parameter(description = "risk id") @PathParam("id") long id,
            @Parameter(in = ParameterIn.HEADER, description = "the ETag of the version being replaced")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @NotNull @Valid RiskInput body) {
        return withTag(Response.ok(), risks.replace(caller.orgId(), caller.userId(), id, body, ifMatch));
    }

    @PATCH
    @Path(ID)
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            operationId = "patchRisk",
            summary = "Change some fields of a risk (ADMIN, ANALYST)",
            description = "A JSON merge patch (RFC 7396) of RiskInput: "
                    + "absent fields stay, null clears. Needs If-Match or version in the body.")
    @RequestBody(content = @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = RiskInput.class)))
    @APIResponse(
            responseCode = "200",
            description = "The updated risk",
            content = @Content(schema = @Schema(implementation = RiskView.class)),
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response patch(
            @Parameter(description = "risk id") @PathParam("id") long id,
            @Parameter(in = ParameterIn.HEADER, description = "the ETag of the version being changed")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            JsonValue body) {
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiException.badRequest("The body must be a JSON object (a merge patch of the risk)");
        }
        return withTag(Response.ok(), risks.patch(caller.orgId(), caller.userId(), id, body.asJsonObject(), ifMatch));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            operationId = "bulkPatchRisks",
            summary = "Change many risks at once (ADMIN, ANALYST)",
            description = "An array of up to 1000 items {id, version (or if_match), changes}; changes is a merge "
                    + "patch applied exactly as PATCH /risks/{id} does. Each item is its own transaction: one "
                    + "result per item, in order, with the status its own PATCH would have answered (200 with the "
                    + "new version, 400 naming the field, 404, 409 stale version, 412 stale if_match, 428 neither). "
                    + "The caches are invalidated once for the request.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = RiskBulkEdit.Item.class)))
    @APIResponse(
            responseCode = "200",
            description = "One result per item",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RiskBulkEdit.Result.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "413", description = "The body is larger than the bulk edit limit")
    public List<RiskBulkEdit.Result> bulkPatch(JsonValue body) {
        if (body == null || body.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ApiException.badRequest("The body must be a JSON array of {id, version, changes} items");
        }
        return bulk.apply(caller.orgId(), caller.userId(), body.asJsonArray());
    }

    // no body to negotiate: whatever a client accepts (a generated one asks for problem+json only)
    @Produces(MediaType.WILDCARD)
    @DELETE
    @Path(ID)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            operationId = "deleteRisk",
            summary = "Delete a risk (ADMIN, ANALYST)",
            description = "With If-Match or version only the named version is deleted; "
                    + "without either, the current one. The history stays readable.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Response delete(
            @Parameter(description = "risk id") @PathParam("id") long id,
            @Parameter(in = ParameterIn.HEADER, description = "the ETag of the version being deleted")
                    @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Parameter(
                            description = "the version being deleted",
                            schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
                    @QueryParam("version")
                    String version) {
        risks.delete(
                caller.orgId(),
                caller.userId(),
                id,
                new VersionCheck(ifMatch, QueryParams.optionalInt("version", version, 0, Integer.MAX_VALUE)));
        return Response.noContent().build();
    }

    /** A hit sent as the cache stores it; its ETag is the risk's version for a risk ({@code RiskView}). */
    private static Response cached(CachedRepresentation answer) {
        return Response.ok(answer).header(HttpHeaders.ETAG, answer.etag()).build();
    }

    private static Response withTag(Response.ResponseBuilder builder, RiskView risk) {
        return builder.entity(risk)
                .header(HttpHeaders.ETAG, VersionCheck.etag(risk.version()))
                .build();
    }
}
