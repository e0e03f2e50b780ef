package io.riskbase.audit;

import io.riskbase.audit.AuditViews.AuditEntryView;
import io.riskbase.audit.AuditViews.Verification;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.persistence.TableExport;
import io.riskbase.platform.persistence.Xlsx;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.NoStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's organization's audit log (ADMIN, or a key with {@code audit:read}): read, verify, export. */
@ApplicationScoped
@Path("/audit-log")
@NoStore
@Tag(name = "audit")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Role.ADMIN_NAME)
public class AuditResource {

    public static final String NDJSON = "application/x-ndjson";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    @Inject
    Caller caller;

    @Inject
    AuditService audit;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "listAuditLog",
            summary = "Entries of the organization's audit log in sequence order, after a cursor, with filters")
    @APIResponse(
            responseCode = "200",
            description = "Up to limit entries; when the page is full, X-Next-After holds the cursor of the next",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = AuditEntryView.class)),
            headers =
                    @Header(
                            name = "X-Next-After",
                            description = "the seq to pass as after= for the next page",
                            schema = @Schema(type = SchemaType.INTEGER)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response list(
            @Parameter(description = "cursor: entries with a greater seq") @QueryParam("after") String after,
            @Parameter(description = "page size, 1-100 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = "a user id or API key id") @QueryParam("actor") String actor,
            @Parameter(description = "e.g. risk.updated, login.failed") @QueryParam("action") String action,
            @QueryParam("object_type") String objectType,
            @QueryParam("object_id") String objectId,
            @Parameter(description = "ISO-8601 date-time, inclusive") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 date-time, exclusive") @QueryParam("to") String to,
            @Context UriInfo uri) {
        int size = limit(limit);
        AuditFilter filter = AuditFilter.parse(after, actor, action, objectType, objectId, from, to);
        List<AuditEntryView> entries = audit.list(caller.orgId(), filter, size);
        Response.ResponseBuilder answer = Response.ok(entries);
        if (entries.size() == size) {
            long next = entries.get(entries.size() - 1).seq();
            answer.header("X-Next-After", next)
                    .link(
                            uri.getRequestUriBuilder()
                                    .replaceQueryParam("after", next)
                                    .build(),
                            "next");
        }
        return answer.build();
    }

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "verifyAuditLog",
            summary = "Recompute the organization's hash chain and report the first broken link")
    @APIResponse(
            responseCode = "200",
            description = "The outcome: valid, or the id and seq of the first entry that does not fit",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Verification.class)))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Verification verify() {
        return audit.verify(caller.orgId());
    }

    @GET
    @Path("export")
    @Produces({NDJSON, "text/csv", Xlsx.MEDIA_TYPE})
    @Operation(
            operationId = "exportAuditLog",
            summary = "Export the organization's audit log as NDJSON, CSV or XLSX, streamed (ADMIN)",
            description = "Every entry matching the list's filters, in sequence order, streamed from a database "
                    + "cursor: the columns of an entry as the list shows it (id, seq, at, actor_id, actor_kind, "
                    + "action, object_type, object_id, client_address, data, prev_hash, hash). NDJSON (the default) "
                    + "has data as an object, CSV and XLSX as its JSON text.")
    @APIResponse(
            responseCode = "200",
            description = "The entries in sequence order",
            content = {
                @Content(mediaType = NDJSON, schema = @Schema(implementation = AuditEntryView.class)),
                @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = Xlsx.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response export(
            @Parameter(
                            description = "ndjson (default), csv or xlsx",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"ndjson", "csv", "xlsx"}))
                    @QueryParam("format")
                    String format,
            @QueryParam("after") String after,
            @QueryParam("actor") String actor,
            @QueryParam("action") String action,
            @QueryParam("object_type") String objectType,
            @QueryParam("object_id") String objectId,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        // NDJSON stays the default: it was the export's only format before CSV and XLSX
        TableExport.Format chosen =
                format == null || format.isBlank() ? TableExport.Format.NDJSON : TableExport.Format.parse(format);
        AuditFilter filter = AuditFilter.parse(after, actor, action, objectType, objectId, from, to);
        long orgId = caller.orgId();
        return chosen.attachment("audit-log", out -> audit.export(orgId, filter, chosen, out));
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
