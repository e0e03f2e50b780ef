package io.riskbase.risk;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.persistence.Xlsx;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.web.NoStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

/** Import of risks from CSV or XLSX (ADMIN, ANALYST): a dry run answers at once, a real run is a job. */
@ApplicationScoped
@Path("/risks/import")
@NoStore
@Tag(name = "risks")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class RiskImportResource {

    /** A started import. */
    @Schema(name = "RiskImportStarted")
    public record StartedView(
            @JsonbProperty("job_id") long jobId,
            int rows,
            String state,
            @JsonbProperty("unknown_columns") List<String> unknownColumns) {}

    @Inject
    Caller caller;

    @Inject
    RiskImport imports;

    /** A workbook that inflates to more than this is refused (a 20 MiB upload of real rows stays well below). */
    @Inject
    @ConfigProperty(name = "riskbase.import.xlsx-max-unpacked-bytes", defaultValue = "268435456")
    long maxUnpackedBytes;

    @POST
    // any type matches, so that the role check answers first; the type is checked in the method
    @Consumes(MediaType.WILDCARD)
    @Operation(
            operationId = "importRisks",
            summary = "Import risks from CSV or XLSX (ADMIN, ANALYST)",
            description = "RFC 4180 CSV in UTF-8 (a byte order mark is skipped), or an XLSX workbook whose sheet "
                    + "'risks' (else its first sheet) holds the same header row and cells; columns by header name (see "
                    + "docs/integrations.md; unknown columns are reported and ignored). Rows are upserted by "
                    + "external_id, so importing the same file again changes nothing. With dry_run=true every row "
                    + "is validated and the errors reported (row, column, message); nothing is written. Otherwise "
                    + "a job starts (202, Location /api/v1/jobs/{id}): it validates every row, writes nothing if "
                    + "any fails, then writes in batches that commit with the job's progress.")
    @RequestBody(
            content = {
                @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = Xlsx.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(
            responseCode = "200",
            description = "Dry run: what the import would do",
            content = @Content(schema = @Schema(implementation = RiskImport.Report.class)))
    @APIResponse(
            responseCode = "202",
            description = "The import job started",
            content = @Content(schema = @Schema(implementation = StartedView.class)),
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "413", description = "The file is larger than the import limit")
    @APIResponse(responseCode = "415", description = "Neither text/csv nor XLSX")
    public Response upload(
            @Parameter(
                            description = "true: validate and report only",
                            schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
                    @QueryParam("dry_run")
                    String dryRun,
            @jakarta.ws.rs.HeaderParam("Content-Type") String contentType,
            InputStream body) {
        boolean xlsx = requireCsvOrXlsx(contentType);
        boolean dry = dryRun(dryRun);
        java.nio.file.Path file = spool(body);
        boolean handedOver = false;
        try {
            if (xlsx) {
                file = asCsv(file);
            }
            if (dry) {
                return Response.ok(imports.dryRun(caller.orgId(), file)).build();
            }
            RiskImport.Started started = imports.start(caller.orgId(), caller.userId(), file);
            handedOver = true;
            return Response.accepted(
                            new StartedView(started.jobId(), started.rows(), "QUEUED", started.unknownColumns()))
                    .header("Location", "/api/v1/jobs/" + started.jobId())
                    .build();
        } finally {
            if (!handedOver) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file; the next restart's tmp cleanup takes it
                }
            }
        }
    }

    /** True for XLSX, false for CSV; anything else is a 415. */
    private static boolean requireCsvOrXlsx(String contentType) {
        String type =
                contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (type.equals(Xlsx.MEDIA_TYPE)) {
            return true;
        }
        if (!List.of("text/csv", "text/plain", MediaType.APPLICATION_OCTET_STREAM)
                .contains(type)) {
            throw new ApiException(
                    415,
                    "The body must be a CSV file (Content-Type text/csv) or an XLSX workbook (" + Xlsx.MEDIA_TYPE
                            + ")");
        }
        return false;
    }

    /**
     * The workbook's "risks" sheet (else its first) as CSV, so the import reads both alike; the workbook is deleted.
     */
    private java.nio.file.Path asCsv(java.nio.file.Path xlsx) {
        try {
            java.nio.file.Path csv = Files.createTempFile("risk-import-", ".csv");
            try {
                Xlsx.toCsv(xlsx, csv, RiskCsv.SHEET, maxUnpackedBytes);
                return csv;
            } catch (RuntimeException e) {
                Files.deleteIfExists(csv);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(xlsx);
            } catch (IOException e) {
                // a temporary file; the next restart's tmp cleanup takes it
            }
        }
    }

    private static boolean dryRun(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiException.badRequest("Query parameter 'dry_run' must be true or false");
    }

    /** The body on disk (bounded by the body limit), so the job can read it twice and outlive the request. */
    private static java.nio.file.Path spool(InputStream body) {
        if (body == null) {
            throw ApiException.badRequest("The body must be a CSV file");
        }
        try {
            java.nio.file.Path file = Files.createTempFile("risk-import-", ".csv");
            try {
                Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
