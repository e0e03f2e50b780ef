package io.riskbase.risk;

import io.riskbase.identity.User;
import io.riskbase.identity.UserRepository;
import io.riskbase.job.Job;
import io.riskbase.job.JobService;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.errors.Problem;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Risk import from CSV ({@link RiskCsv}): a structural check of the whole file while the request waits (a malformed
 * file, a missing column or too many rows is a 400 at once), then either a dry run (every row validated, nothing
 * written) or a job that validates every row first and writes nothing if any fails, then writes in batches of
 * {@code riskbase.import.batch-size}, each batch one transaction that also advances the job. Rows are upserted by
 * external id, so a re-run of an interrupted import skips what its committed batches wrote and writes the rest: no
 * duplicates, no lost rows.
 */
@ApplicationScoped
public class RiskImport {

    private static final Logger LOG = Logger.getLogger(RiskImport.class.getName());
    static final String JOB_KIND = "risk-import";

    /** A problem with one cell (or a row as a whole: column null); row counts like a spreadsheet, header = 1. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ImportRowError")
    public record RowError(long row, String column, String message) {}

    /** What a dry run found (or would do). */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "RiskImportReport")
    public record Report(
            int rows,
            @JsonbProperty("would_create") int created,
            @JsonbProperty("would_update") int updated,
            int unchanged,
            @JsonbProperty("error_count") int errorCount,
            List<RowError> errors,
            @JsonbProperty("unknown_columns") List<String> unknownColumns) {}

    /** A started real run. */
    public record Started(long jobId, int rows, List<String> unknownColumns) {}

    /** The shape of a well-formed file. */
    record Shape(int rows, List<String> unknownColumns) {}

    /** A valid row, ready to write. */
    record Planned(long row, String key, RiskContent content) {}

    @Inject
    RiskService service;

    @Inject
    UserRepository users;

    @Inject
    MethodologyService methodologies;

    @Inject
    jakarta.validation.ValidatorFactory validatorFactory;

    // a row is a plain record, never a JPA entity: the default resolver would ask JPA whether each property is loaded
    // (a sixth of an import's CPU)
    private Validator validator;

    @Inject
    JobService jobs;

    @Inject
    RiskImportWriter writer;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "riskbase.import.max-rows", defaultValue = "200000")
    int maxRows;

    @Inject
    @ConfigProperty(name = "riskbase.import.batch-size", defaultValue = "500")
    int batchSize;

    @Inject
    @ConfigProperty(name = "riskbase.import.max-errors", defaultValue = "100")
    int maxErrors;

    /** Batches of one import written at once, each in its own transaction ({@link ImportWrites}). */
    @Inject
    @ConfigProperty(name = "riskbase.import.write-concurrency", defaultValue = "2")
    int writeConcurrency;

    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();

    @jakarta.annotation.PostConstruct
    void init() {
        validator = validatorFactory
                .usingContext()
                .traversableResolver(new jakarta.validation.TraversableResolver() {
                    @Override
                    public boolean isReachable(
                            Object bean,
                            Path.Node property,
                            Class<?> rootBeanType,
                            Path pathToProperty,
                            java.lang.annotation.ElementType elementType) {
                        return true;
                    }

                    @Override
                    public boolean isCascadable(
                            Object bean,
                            Path.Node property,
                            Class<?> rootBeanType,
                            Path pathToProperty,
                            java.lang.annotation.ElementType elementType) {
                        return true;
                    }
                })
                .getValidator();
        metrics.gauge(
                org.eclipse.microprofile.metrics.Metadata.builder()
                        .withName("riskbase.import.jobs.running")
                        .withDescription("Risk import jobs running on this node")
                        .build(),
                running::get);
    }

    /** Validates every row of the file and reports; writes nothing. The file stays the caller's. */
    public Report dryRun(long orgId, java.nio.file.Path file) {
        Shape shape = inspect(file);
        Pass pass = new Pass(orgId);
        chunks(file, chunk -> pass.plan(chunk));
        return new Report(
                shape.rows(),
                pass.created,
                pass.updated,
                pass.unchanged,
                pass.errorCount,
                List.copyOf(pass.errors),
                shape.unknownColumns());
    }

    /** Starts a job importing the file; the job deletes the file when it ends. */
    public Started start(long orgId, long userId, java.nio.file.Path file) {
        Shape shape = inspect(file);
        long jobId = jobs.create(orgId, JOB_KIND, userId, shape.rows());
        try {
            executor.submit(() -> run(orgId, userId, jobId, file));
        } catch (RejectedExecutionException e) {
            jobs.fail(orgId, jobId, 1, "[{\"row\":null,\"column\":null,\"message\":\"the node is busy; retry\"}]");
            delete(file);
            throw ApiException.unavailable("The import cannot start right now", 5);
        }
        return new Started(jobId, shape.rows(), shape.unknownColumns());
    }

    private void run(long orgId, long userId, long jobId, java.nio.file.Path file) {
        running.incrementAndGet();
        Pass write = null;
        try {
            if (!validates(orgId, jobId, file)) {
                return;
            }
            jobs.state(orgId, jobId, Job.State.RUNNING);
            Pass writing = new Pass(orgId);
            write = writing;
            ImportWrites batches = new ImportWrites(executor, writeConcurrency);
            java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
            try {
                chunks(file, chunk -> {
                    // checked again per batch: a change since the first pass (an owner removed) fails the job here,
                    // after the batches before it committed; a re-run then resumes. Only what can have changed is
                    // checked again (owners here, the organization's rules in the writer): the cells passed Bean
                    // Validation in the first pass, and the same cells pass it again.
                    List<Planned> planned = writing.reread(chunk);
                    if (writing.errorCount > 0) {
                        throw new Stop();
                    }
                    // the owners known so far, copied: the next chunk's reading adds to the pass's set meanwhile
                    java.util.Set<Long> owners = java.util.Set.copyOf(writing.knownOwners);
                    batches.submit(() -> {
                        written.addAndGet(writer.write(orgId, userId, jobId, planned, writing.methodology, owners));
                        metrics.counter("riskbase.import.rows").inc(planned.size());
                    });
                });
                batches.finish();
            } catch (RiskImportWriter.Rejected rejected) {
                writing.report(rejected.row.row(), rejected.reason);
                throw new Stop();
            } catch (RuntimeException e) {
                // batches already writing end first: none is still running when the job is marked failed
                finishQuietly(batches);
                throw e;
            }
            refreshStatistics(written.get());
            jobs.state(orgId, jobId, Job.State.SUCCEEDED);
        } catch (Stop stop) {
            jobs.fail(orgId, jobId, write.errorCount, errorsJson(write.errors));
        } catch (JobService.Lost lost) {
            // another node found the job stale and failed it, saying to re-run; what committed stays
            LOG.warning("import " + lost.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "import job " + jobId + " failed", e);
            String message = e instanceof ApiException a ? a.getMessage() : "the import failed; re-run it to resume";
            try {
                jobs.fail(orgId, jobId, 1, errorsJson(List.of(new RowError(0, null, message))));
            } catch (RuntimeException again) {
                LOG.log(Level.WARNING, "import job " + jobId + " could not be marked failed", again);
            }
        } finally {
            running.decrementAndGet();
            delete(file);
        }
    }

    /**
     * The validation pass of a job: false (and the job failed with the errors) if a row is invalid. Its own method so
     * that its state (a map of every external id seen) is garbage before the write pass starts.
     */
    private boolean validates(long orgId, long jobId, java.nio.file.Path file) {
        jobs.state(orgId, jobId, Job.State.VALIDATING);
        Pass check = new Pass(orgId);
        chunks(file, chunk -> {
            check.plan(chunk);
            jobs.heartbeat(orgId, jobId);
        });
        if (check.errorCount > 0) {
            jobs.fail(orgId, jobId, check.errorCount, errorsJson(check.errors));
            return false;
        }
        return true;
    }

    /** Best effort: the rows are written either way, and autovacuum gets to the statistics later. */
    private void refreshStatistics(int written) {
        try {
            service.imported(written);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "statistics of risks not refreshed after an import", e);
        }
    }

    private static void finishQuietly(ImportWrites batches) {
        try {
            batches.finish();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "a batch written beside the one that stopped the import failed too", e);
        }
    }

    /** Signals a failed batch validation of the write pass. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    /** Header, row count and well-formedness; any failure is a 400 naming where. */
    Shape inspect(java.nio.file.Path file) {
        try (Reader reader = open(file);
                CSVParser parser = RiskCsv.READ.parse(reader)) {
            List<String> header = parser.getHeaderNames();
            List<String> missing = RiskCsv.REQUIRED.stream()
                    .filter(c -> !header.contains(c))
                    .sorted()
                    .toList();
            if (header.isEmpty()) {
                throw ApiException.badRequest(
                        "The file is empty: the first row must name the columns " + RiskCsv.COLUMNS);
            }
            if (!missing.isEmpty()) {
                throw ApiException.invalidFields(missing.stream()
                        .map(c -> new Problem.FieldError(c, "column is missing from the header row"))
                        .toList());
            }
            List<String> unknown =
                    header.stream().filter(c -> !RiskCsv.COLUMNS.contains(c)).toList();
            int rows = 0;
            for (CSVRecord record : parser) {
                rows++;
                if (rows > maxRows) {
                    throw ApiException.badRequest(
                            "The file has more than " + maxRows + " rows: split it into several imports");
                }
                if (record.size() != header.size()) {
                    throw malformed(
                            record.getRecordNumber() + 1,
                            "has " + record.size() + " cells, the header has " + header.size());
                }
            }
            return new Shape(rows, unknown);
        } catch (UncheckedIOException e) {
            throw malformed(e.getCause());
        } catch (IOException e) {
            throw malformed(e);
        } catch (IllegalArgumentException e) {
            // a duplicate or empty column name in the header row
            throw new ApiException(400, "Row 1 (header): " + e.getMessage());
        }
    }

    private static ApiException malformed(long row, String message) {
        return ApiException.invalidFields(List.of(new Problem.FieldError("row " + row, message)));
    }

    private static ApiException malformed(IOException e) {
        if (e instanceof CharacterCodingException) {
            return ApiException.badRequest("The file is not UTF-8 text");
        }
        // commons-csv names the line and position, e.g. "(line 4) invalid char between encapsulated token and
        // delimiter"
        return ApiException.badRequest("The file is not well-formed CSV (RFC 4180): " + e.getMessage());
    }

    private void chunks(java.nio.file.Path file, java.util.function.Consumer<List<CSVRecord>> each) {
        try (Reader reader = open(file);
                CSVParser parser = RiskCsv.READ.parse(reader)) {
            List<CSVRecord> chunk = new ArrayList<>(batchSize);
            for (CSVRecord record : parser) {
                chunk.add(record);
                if (chunk.size() == batchSize) {
                    each.accept(chunk);
                    chunk = new ArrayList<>(batchSize);
                }
            }
            if (!chunk.isEmpty()) {
                each.accept(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reader open(java.nio.file.Path file) throws IOException {
        // malformed UTF-8 is an error, not a silent replacement character in a stored title
        Reader decoder = new java.io.InputStreamReader(
                Files.newInputStream(file),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        return RiskCsv.withoutBom(new BufferedReader(decoder, 64 * 1024));
    }

    private static void delete(java.nio.file.Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not delete " + file, e);
        }
    }

    private String errorsJson(List<RowError> errors) {
        jakarta.json.JsonArrayBuilder array = jakarta.json.Json.createArrayBuilder();
        for (RowError e : errors) {
            jakarta.json.JsonObjectBuilder o = jakarta.json.Json.createObjectBuilder();
            if (e.row() > 0) {
                o.add("row", e.row());
            } else {
                o.addNull("row");
            }
            if (e.column() == null) {
                o.addNull("column");
            } else {
                o.add("column", e.column());
            }
            array.add(o.add("message", e.message()));
        }
        return array.build().toString();
    }

    /** One pass over a file: validation state carried from chunk to chunk. */
    private final class Pass {
        final long orgId;
        final MethodologyView methodology;
        final Map<String, Long> seen = new HashMap<>();
        final Map<String, Optional<Long>> owners = new HashMap<>();
        // resolved by e-mail among the organization's users in this pass: not read again per row
        final java.util.Set<Long> knownOwners = new java.util.HashSet<>();
        final List<RowError> errors = new ArrayList<>();
        int errorCount;
        int created;
        int updated;
        int unchanged;

        Pass(long orgId) {
            this.orgId = orgId;
            this.methodology = methodologies.current(orgId);
        }

        void error(long row, String column, String message) {
            errorCount++;
            if (errors.size() < maxErrors) {
                errors.add(new RowError(row, column, message));
            }
        }

        /** The valid rows of the chunk; errors for the others. */
        List<Planned> plan(List<CSVRecord> chunk) {
            Map<Long, Planned> candidates = new LinkedHashMap<>();
            for (CSVRecord record : chunk) {
                long row = record.getRecordNumber() + 1;
                Map<String, String> cells = record.toMap();
                Planned p = parse(row, cells);
                if (p != null) {
                    candidates.put(row, p);
                }
            }
            Map<String, Risk> existing = service.storedForImport(
                    orgId, candidates.values().stream().map(Planned::key).toList());
            RiskService.ImportRules rules = service.importRules(orgId, methodology, knownOwners);
            List<Planned> valid = new ArrayList<>(candidates.size());
            for (Planned p : candidates.values()) {
                Risk current = existing.get(p.key());
                try {
                    service.checkImported(orgId, p.content(), current, rules);
                } catch (ApiException e) {
                    report(p.row(), e);
                    continue;
                }
                if (current == null) {
                    created++;
                } else if (current.content().equals(p.content())) {
                    unchanged++;
                } else {
                    updated++;
                }
                valid.add(p);
            }
            return valid;
        }

        /**
         * The write pass's reading of a chunk the validation pass accepted: its rows as written, with owners resolved
         * again (one read per e-mail); errors only for what can have changed since.
         */
        List<Planned> reread(List<CSVRecord> chunk) {
            List<Planned> rows = new ArrayList<>(chunk.size());
            for (CSVRecord record : chunk) {
                Planned p = parse(record.getRecordNumber() + 1, record.toMap(), false);
                if (p != null) {
                    rows.add(p);
                }
            }
            return rows;
        }

        private Planned parse(long row, Map<String, String> cells) {
            return parse(row, cells, true);
        }

        private Planned parse(long row, Map<String, String> cells, boolean validate) {
            int before = errorCount;
            for (String column : RiskCsv.COLUMNS) {
                String value = cells.get(column);
                String problem = value == null ? null : io.riskbase.platform.web.StorableText.problem(value);
                if (problem != null) {
                    error(row, column, problem);
                }
            }
            if (errorCount > before) {
                return null;
            }
            String key = RiskCsv.cell(cells, RiskCsv.EXTERNAL_ID);
            if (key == null) {
                error(row, RiskCsv.EXTERNAL_ID, "is required: it is the key a re-import updates by");
            } else if (key.length() > RiskCsv.MAX_EXTERNAL_ID) {
                error(row, RiskCsv.EXTERNAL_ID, "must be at most " + RiskCsv.MAX_EXTERNAL_ID + " characters");
            } else if (validate) {
                // the write pass reads the file the validation pass found free of repeated keys
                Long first = seen.putIfAbsent(key, row);
                if (first != null) {
                    error(row, RiskCsv.EXTERNAL_ID, "appears again: first in row " + first);
                }
            }
            Long ownerId = null;
            String email = RiskCsv.cell(cells, RiskCsv.OWNER_EMAIL);
            if (email != null) {
                ownerId = owners.computeIfAbsent(email.toLowerCase(java.util.Locale.ROOT), this::owner)
                        .orElse(null);
                if (ownerId == null) {
                    error(
                            row,
                            RiskCsv.OWNER_EMAIL,
                            "no user of your organization has the e-mail '" + RiskCsv.abbreviate(email) + "'");
                }
            }
            List<Problem.FieldError> cellErrors = new ArrayList<>();
            RiskInput input = RiskCsv.input(cells, ownerId, cellErrors);
            cellErrors.forEach(e -> error(row, e.field(), e.message()));
            if (input == null) {
                return null;
            }
            if (validate) {
                for (ConstraintViolation<RiskInput> v : validator.validate(input)) {
                    error(row, RiskCsv.column(field(v.getPropertyPath())), v.getMessage());
                }
            }
            if (errorCount > before) {
                return null;
            }
            return new Planned(row, key, input.toContent(methodology.methodology()));
        }

        private Optional<Long> owner(String email) {
            Optional<Long> id =
                    users.findByEmail(email).filter(u -> u.getOrgId() == orgId).map(User::getId);
            id.ifPresent(knownOwners::add);
            return id;
        }

        private void report(long row, ApiException e) {
            if (!e.errors().isEmpty()) {
                e.errors().forEach(f -> error(row, RiskCsv.column(f.field()), f.message()));
                return;
            }
            String message = e.getMessage();
            String first = message.split("[ ']", 2)[0];
            String column = RiskCsv.column(first);
            if (RiskCsv.COLUMNS.contains(column)) {
                error(row, column, message);
            } else {
                error(row, null, message);
            }
        }
    }

    /** residual.likelihood for a nested property, owner_id for ownerId; list elements count as their list. */
    static String field(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            if (node.getName() != null
                    && node.getKind() != jakarta.validation.ElementKind.CONTAINER_ELEMENT
                    && node.getKind() != jakarta.validation.ElementKind.METHOD) {
                names.add(
                        node.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names.isEmpty() ? "row" : String.join(".", names);
    }

    Counter exported() {
        return metrics.counter("riskbase.export.rows");
    }
}
