package io.riskbase.it.risk;

import static io.riskbase.it.risk.RiskFixtures.create;
import static io.riskbase.it.risk.RiskFixtures.id;
import static io.riskbase.it.risk.RiskFixtures.risk;
import static io.riskbase.it.risk.RiskFixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.Poll;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Import, export and bulk edit over HTTP on PostgreSQL: an export imports into a fresh organization and exports again
 * byte for byte; re-imports change nothing; a dry run writes nothing; malformed files are 400s naming where; a re-run
 * after an interrupted import neither duplicates nor loses rows; organizations never see or touch each other's risks or
 * jobs; the role matrix; bulk edit results per item.
 */
class RiskTransferIT {

    static final String HEADER = "external_id,title,description,category,severity,status,likelihood,impact,"
            + "residual_likelihood,residual_impact,target_likelihood,target_impact,strategy,owner_email,tags,due_date";

    static Api api;
    static Session admin;
    static Session analyst;
    static Session viewer;

    @BeforeAll
    static void start() {
        api = RiskbaseEnvironment.get().api();
        admin = Tenants.signup(api, "transfer");
        analyst = Tenants.addUser(admin, "ANALYST");
        viewer = Tenants.addUser(admin, "VIEWER");
    }

    @Test
    void anExportImportsIntoAFreshOrganizationAndExportsAgainIdentically() {
        Session source = Tenants.signup(api, "transfer-src");
        create(source.api(), risk("Plain", "security", 1, 1));
        create(
                source.api(),
                with(
                        risk("Quoted \"title\", with comma", "compliance", 4, 5),
                        "description",
                        "two\nlines; ü, \"quotes\"",
                        "severity",
                        "CRITICAL",
                        "status",
                        "MITIGATING",
                        "tags",
                        List.of("iso 27001", "q3:review"),
                        "due_date",
                        "2031-02-03",
                        "residual",
                        Map.of("likelihood", 3, "impact", 2),
                        "target",
                        Map.of("likelihood", 1, "impact", 2),
                        "strategy",
                        "MITIGATE"));
        create(source.api(), with(risk("Closed one", "vendor", 2, 3), "status", "CLOSED"));
        String exported = exportCsv(source.api(), "");
        assertTrue(exported.startsWith(HEADER + "\r\n"), exported);
        assertEquals(4, exported.split("\r\n(?=riskbase:)").length, exported);

        Session fresh = Tenants.signup(api, "transfer-dst");
        JsonObject job = runImport(fresh.api(), exported);
        assertEquals("SUCCEEDED", job.getString("state"), job.toString());
        assertEquals(3, job.getInt("rows_created"));
        assertEquals(exported, exportCsv(fresh.api(), ""));

        // the same file again: nothing changes, no versions move
        String versions =
                fresh.api().get("/api/v1/risks?sort=title").expect(200).body();
        JsonObject again = runImport(fresh.api(), exported);
        assertEquals(3, again.getInt("rows_unchanged"), again.toString());
        assertEquals(0, again.getInt("rows_created") + again.getInt("rows_updated"));
        assertEquals(
                versions,
                fresh.api().get("/api/v1/risks?sort=title").expect(200).body());

        // into the organization it came from, the API-created risks are matched, not duplicated
        JsonObject home = runImport(source.api(), exported);
        assertEquals(3, home.getInt("rows_unchanged"), home.toString());
        assertEquals("3", source.api().get("/api/v1/risks").expect(200).header("X-Total-Count"));
    }

    @Test
    void anXlsxExportImportsIntoAFreshOrganizationAndExportsTheSameRows() throws Exception {
        Session source = Tenants.signup(api, "transfer-xlsx-src");
        create(source.api(), risk("Plain", "security", 1, 1));
        create(
                source.api(),
                with(
                        risk("Quoted \"title\", with comma", "compliance", 4, 5),
                        "description",
                        "two\nlines; ü, \"quotes\"",
                        "severity",
                        "CRITICAL",
                        "tags",
                        List.of("iso 27001", "q3:review"),
                        "due_date",
                        "2031-02-03",
                        "residual",
                        Map.of("likelihood", 3, "impact", 2),
                        "target",
                        Map.of("likelihood", 1, "impact", 2),
                        "strategy",
                        "MITIGATE"));
        create(source.api(), with(risk("Closed one", "vendor", 2, 3), "status", "CLOSED"));
        java.net.http.HttpResponse<byte[]> xlsx =
                source.api().sendBytes("GET", "/api/v1/risks/export?format=xlsx", null, null);
        assertEquals(200, xlsx.statusCode());
        assertEquals(XLSX, xlsx.headers().firstValue("Content-Type").orElse(""));
        assertTrue(
                xlsx.headers().firstValue("Content-Disposition").orElse("").contains("risks.xlsx"),
                xlsx.headers().toString());
        List<List<String>> sheet = readSheet(xlsx.body(), "risks");
        assertEquals(List.of(HEADER.split(",")), sheet.get(0), "the CSV's columns");
        assertEquals(4, sheet.size(), sheet.toString());

        Session fresh = Tenants.signup(api, "transfer-xlsx-dst");
        java.net.http.HttpResponse<byte[]> dry =
                fresh.api().sendBytes("POST", "/api/v1/risks/import?dry_run=true", xlsx.body(), XLSX);
        String report = new String(dry.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(200, dry.statusCode(), report);
        assertTrue(report.contains("\"would_create\":3"), report);
        JsonObject job = runImport(fresh.api(), xlsx.body());
        assertEquals("SUCCEEDED", job.getString("state"), job.toString());
        assertEquals(3, job.getInt("rows_created"), job.toString());
        assertEquals(exportCsv(source.api(), ""), exportCsv(fresh.api(), ""));
        JsonObject again = runImport(fresh.api(), xlsx.body());
        assertEquals(3, again.getInt("rows_unchanged"), again.toString());
        // the other exports speak XLSX too
        java.net.http.HttpResponse<byte[]> tasks =
                source.api().sendBytes("GET", "/api/v1/tasks/export?format=xlsx", null, null);
        assertEquals(200, tasks.statusCode());
        assertEquals(1, readSheet(tasks.body(), "export").size(), "the header row of no tasks");
    }

    @Test
    void badWorkbooksAreRefusedWithAProblem() throws Exception {
        Api a = admin.api();
        // not a zip
        problem(a.sendBytes("POST", "/api/v1/risks/import", "external_id,title\nx,y\n".getBytes(), XLSX), "zip");
        // a zip, but not a workbook
        java.io.ByteArrayOutputStream notBook = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(notBook)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("hello.txt"));
            zip.write("hello".getBytes());
        }
        problem(a.sendBytes("POST", "/api/v1/risks/import?dry_run=true", notBook.toByteArray(), XLSX), "XLSX");
        // a small file that inflates past the limit (256 MiB by default)
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bomb)) {
            zip.setLevel(9);
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 300; i++) {
                zip.write(zeros);
            }
        }
        assertTrue(bomb.size() < 2 << 20, "the bomb is small: " + bomb.size());
        problem(a.sendBytes("POST", "/api/v1/risks/import", bomb.toByteArray(), XLSX), "unpacks to more than");
        // a workbook whose sheet is something else: the missing columns are named
        java.io.ByteArrayOutputStream other = new java.io.ByteArrayOutputStream();
        org.dhatim.fastexcel.Workbook book = new org.dhatim.fastexcel.Workbook(other, "test", "1.0");
        org.dhatim.fastexcel.Worksheet ws = book.newWorksheet("budget");
        ws.value(0, 0, "month");
        ws.value(0, 1, "amount");
        ws.value(1, 0, "May");
        ws.value(1, 1, 12);
        book.finish();
        java.net.http.HttpResponse<byte[]> wrongSheet =
                a.sendBytes("POST", "/api/v1/risks/import?dry_run=true", other.toByteArray(), XLSX);
        problem(wrongSheet, "external_id");
    }

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static void problem(java.net.http.HttpResponse<byte[]> response, String detailPart) {
        String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(400, response.statusCode(), body);
        assertTrue(
                response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), body);
        assertTrue(body.contains(detailPart), body);
    }

    /** The named sheet's rows as text cells. */
    static List<List<String>> readSheet(byte[] xlsx, String name) throws java.io.IOException {
        List<List<String>> rows = new ArrayList<>();
        try (org.dhatim.fastexcel.reader.ReadableWorkbook book =
                new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            org.dhatim.fastexcel.reader.Sheet sheet = book.findSheet(name).orElseThrow();
            for (org.dhatim.fastexcel.reader.Row row : sheet.read()) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getCellCount(); c++) {
                    cells.add(row.hasCell(c) ? row.getCellText(c) : "");
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    @Test
    void ndjsonCarriesTheSameColumnsAndFiltersApply() {
        Session org = Tenants.signup(api, "transfer-ndjson");
        create(org.api(), risk("High one", "security", 5, 4));
        create(org.api(), risk("Low one", "security", 1, 1));
        ApiResponse nd = org.api()
                .get("/api/v1/risks/export?format=ndjson&severity=CRITICAL")
                .expect(200);
        assertTrue(nd.header("Content-Type").startsWith("application/x-ndjson"));
        String[] lines = nd.body().split("\n");
        assertEquals(1, lines.length, nd.body());
        assertTrue(lines[0].contains("\"title\":\"High one\""), lines[0]);
        assertTrue(lines[0].contains("\"likelihood\":5"), lines[0]);
        org.api().get("/api/v1/risks/export?format=pdf").expectProblem(400, "format");
        org.api().get("/api/v1/risks/export?severity=NOPE").expectProblem(400, "severity");
    }

    @Test
    void aDryRunReportsEveryRowErrorAndWritesNothing() {
        Session org = Tenants.signup(api, "transfer-dry");
        String csv = HEADER + "\n"
                + "a-1,Fine,,security,,,3,3,,,,,,,,\n"
                + "a-2,,,security,,,3,3,,,,,,,,\n"
                + "a-3,Bad numbers,,security,,,x,9,,,,,,,,\n"
                + "a-4,Unknown owner,,nosuchcategory,,,3,3,,,,,,nobody@nowhere.example,,\n"
                + "a-1,Duplicate key,,security,,,1,1,,,,,,,,\n"
                + "a-6,Bad date,,security,,,1,1,,,2,,,,,tomorrow\n";
        JsonObject report = org.api()
                .send("POST", "/api/v1/risks/import?dry_run=true", csv, "text/csv")
                .expect(200)
                .json();
        assertEquals(6, report.getInt("rows"));
        assertEquals(1, report.getInt("would_create"), report.toString());
        List<String> errors = new ArrayList<>();
        report.getJsonArray("errors").forEach(e -> {
            JsonObject o = e.asJsonObject();
            errors.add(o.getInt("row") + ":" + o.getString("column"));
        });
        assertTrue(errors.contains("3:title"), errors.toString());
        assertTrue(errors.contains("4:likelihood"), errors.toString());
        assertTrue(errors.contains("5:owner_email"), errors.toString());
        assertTrue(errors.contains("6:external_id"), errors.toString());
        assertTrue(errors.contains("7:due_date"), errors.toString());
        assertTrue(errors.contains("7:target_impact"), errors.toString());
        assertEquals("0", org.api().get("/api/v1/risks").expect(200).header("X-Total-Count"));

        // a real run of the same file validates first and writes nothing either
        JsonObject job = runImport(org.api(), csv);
        assertEquals("FAILED", job.getString("state"));
        assertEquals(report.getInt("error_count"), job.getInt("error_count"));
        assertEquals(0, job.getInt("rows_done"));
        assertEquals("0", org.api().get("/api/v1/risks").expect(200).header("X-Total-Count"));
    }

    @Test
    void malformedFilesAreRefusedNamingWhere() {
        Api a = analyst.api();
        a.send("POST", "/api/v1/risks/import", HEADER + "\nx,\"unterminated,,security,,,1,1,,,,,,,,\n", "text/csv")
                .expectProblem(400, "line");
        a.send("POST", "/api/v1/risks/import", HEADER + "\nx,too few,security\n", "text/csv")
                .expectProblem(400, "row 2");
        a.send("POST", "/api/v1/risks/import", "external_id,title\nx,y\n", "text/csv")
                .expectProblem(400, "likelihood");
        a.send("POST", "/api/v1/risks/import", "", "text/csv").expectProblem(400, null);
        a.send("POST", "/api/v1/risks/import", "{}", "application/json").expectProblem(415, null);
        a.send("POST", "/api/v1/risks/import?dry_run=maybe", HEADER + "\n", "text/csv")
                .expectProblem(400, "dry_run");
        // a byte order mark and an unknown column are fine; the column is reported
        JsonObject report = a.send(
                        "POST",
                        "/api/v1/risks/import?dry_run=true",
                        "\uFEFF" + HEADER + ",colour\nb-1,With BOM,,security,,,2,2,,,,,,,,,red\n",
                        "text/csv; charset=UTF-8")
                .expect(200)
                .json();
        assertEquals(0, report.getInt("error_count"), report.toString());
        assertEquals("[\"colour\"]", report.getJsonArray("unknown_columns").toString());
        // a body over the bulk edit's limit is a 413
        a.send("PATCH", "/api/v1/risks", "[" + "1,".repeat(1_100_000) + "1]", "application/json")
                .expectProblem(413, null);
    }

    @Test
    void aReRunAfterAnInterruptedImportResumesWithoutDuplicatesOrLosses() {
        Session org = Tenants.signup(api, "transfer-resume");
        StringBuilder all = new StringBuilder(HEADER).append('\n');
        StringBuilder firstPart = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 40; i++) {
            String row = "r-" + i + ",Risk " + i + ",,operational,,,2,3,,,,,,,,\n";
            all.append(row);
            if (i < 25) {
                firstPart.append(row);
            }
        }
        // the batches an interrupted run committed are exactly a prefix of the file
        assertEquals("SUCCEEDED", runImport(org.api(), firstPart.toString()).getString("state"));
        JsonObject rerun = runImport(org.api(), all.toString());
        assertEquals(15, rerun.getInt("rows_created"), rerun.toString());
        assertEquals(25, rerun.getInt("rows_unchanged"));
        assertEquals(40, rerun.getInt("rows_done"));
        assertEquals("40", org.api().get("/api/v1/risks").expect(200).header("X-Total-Count"));
        // the batches wrote one history entry, audit entry and event per created risk, chained and numbered
        List<JsonObject> events = new ArrayList<>();
        JsonObject page;
        String after = "0";
        do {
            page = org.api()
                    .get("/api/v1/events?limit=50&after=" + after)
                    .expect(200)
                    .json();
            events.addAll(page.getJsonArray("data").getValuesAs(JsonObject.class));
            after = page.getString("next_after");
        } while (page.getBoolean("has_more"));
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).getJsonNumber("seq").longValue(), "events numbered without gaps");
        }
        assertEquals(
                40,
                events.stream()
                        .filter(e -> e.getString("type").equals("risk.created"))
                        .count(),
                events.toString());
        JsonObject verdict =
                org.api().get("/api/v1/audit-log/verify").expect(200).json();
        assertTrue(verdict.getBoolean("valid"), verdict.toString());
        long first = firstRiskId(org.api());
        assertEquals(
                "1",
                org.api().get("/api/v1/risks/" + first + "/history").expect(200).header("X-Total-Count"));
    }

    /**
     * A rule broken between the validation pass and the write pass (a category the file uses removed from the
     * organization's settings meanwhile) rolls the batch with the row back and fails the job naming the row; the
     * batches before it stay, and a re-run once the category is back resumes. The moment is made certain with a lock:
     * the test holds the row of a risk the first batch updates, so the write pass waits at its first batch (the
     * validation pass reads without locking) until the settings have changed.
     */
    @Test
    void aRuleBrokenBetweenThePassesFailsTheJobAtItsBatchAndAReRunResumes() throws Exception {
        Session org = Tenants.signup(api, "transfer-between");
        JsonObject settings =
                org.api().get("/api/v1/organization/settings").expect(200).json();
        Map<String, Object> withDoomed = new java.util.LinkedHashMap<>(settings);
        List<String> categories =
                new ArrayList<>(settings.getJsonArray("categories").getValuesAs(jakarta.json.JsonString::getString));
        categories.add("doomed");
        withDoomed.put("categories", categories);
        org.api().put("/api/v1/organization/settings", withDoomed).expect(200);
        int batch = RiskbaseEnvironment.IMPORT_BATCH_SIZE;
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < batch; i++) {
            csv.append("w-").append(i).append(",Risk ").append(i).append(",,operational,,,2,3,,,,,,,,\n");
        }
        csv.append("w-").append(batch).append(",Doomed,,doomed,,,2,3,,,,,,,,\n");
        // the first row of each batch exists already and is held locked below, so that neither batch is written (the
        // two of an import are written at once) before the rule changes
        assertEquals(
                "SUCCEEDED",
                runImport(
                                org.api(),
                                HEADER + "\nw-0,Risk 0,,operational,,,2,3,,,,,,,,\nw-" + batch
                                        + ",Doomed,,operational,,,2,3,,,,,,,,\n")
                        .getString("state"));
        long job;
        try (java.sql.Connection c =
                RiskbaseEnvironment.get().postgres().dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.Statement s = c.createStatement()) {
                s.executeQuery("select id from risks where org_id = " + org.orgId() + " and external_id in ('w-0', 'w-"
                                + batch + "') for update")
                        .close();
            }
            job = org.api()
                    .send("POST", "/api/v1/risks/import", csv.toString(), "text/csv")
                    .expect(202)
                    .json()
                    .getJsonNumber("job_id")
                    .longValue();
            Poll.until(
                    "validation of job " + job,
                    Duration.ofSeconds(60),
                    Poll.PAUSE,
                    () -> org.api().get("/api/v1/jobs/" + job).expect(200).json(),
                    j -> !j.getString("state").equals("QUEUED")
                            && !j.getString("state").equals("VALIDATING"));
            Map<String, Object> without = new java.util.LinkedHashMap<>(settings);
            org.api().put("/api/v1/organization/settings", without).expect(200);
            c.rollback();
        }
        JsonObject failed = Poll.until(
                "import job " + job,
                Duration.ofSeconds(60),
                Poll.PAUSE,
                () -> org.api().get("/api/v1/jobs/" + job).expect(200).json(),
                j -> j.getString("state").equals("SUCCEEDED")
                        || j.getString("state").equals("FAILED"));
        assertEquals("FAILED", failed.getString("state"), failed.toString());
        assertEquals(batch, failed.getInt("rows_done"), failed.toString());
        JsonObject error = failed.getJsonArray("errors").getJsonObject(0);
        assertEquals(batch + 2, error.getInt("row"), failed.toString());
        assertEquals("category", error.getString("column"), failed.toString());
        assertEquals(
                String.valueOf(batch + 1),
                org.api().get("/api/v1/risks").expect(200).header("X-Total-Count"));

        org.api().put("/api/v1/organization/settings", withDoomed).expect(200);
        JsonObject rerun = runImport(org.api(), csv.toString());
        assertEquals("SUCCEEDED", rerun.getString("state"), rerun.toString());
        assertEquals(1, rerun.getInt("rows_updated"), rerun.toString());
        assertEquals(0, rerun.getInt("rows_created"), rerun.toString());
        assertEquals(batch, rerun.getInt("rows_unchanged"), rerun.toString());
        assertEquals(
                String.valueOf(batch + 1),
                org.api().get("/api/v1/risks").expect(200).header("X-Total-Count"));
    }

    /**
     * A job whose node died mid-import (its row left RUNNING with an old heartbeat, as a kill -9 leaves it) is marked
     * FAILED by a live node with a reason that says to re-run; a younger RUNNING job of the same organization is left.
     */
    @Test
    void aJobWhoseNodeDiedIsMarkedFailedWithAReason() throws Exception {
        Session org = Tenants.signup(api, "transfer-stale");
        long stale = insertJob(org.orgId(), "RUNNING", "interval '1 hour'");
        long alive = insertJob(org.orgId(), "RUNNING", "interval '0 second'");
        JsonObject failed = Poll.until(
                "stale job " + stale,
                Duration.ofSeconds(90),
                Poll.PAUSE,
                () -> org.api().get("/api/v1/jobs/" + stale).expect(200).json(),
                j -> j.getString("state").equals("FAILED"));
        String message = failed.getJsonArray("errors").getJsonObject(0).getString("message");
        assertTrue(message.contains("re-run the same file"), message);
        assertTrue(failed.get("finished_at") instanceof jakarta.json.JsonString, failed.toString());
        JsonObject young = org.api().get("/api/v1/jobs/" + alive).expect(200).json();
        assertEquals("RUNNING", young.getString("state"), young.toString());
        // another organization's job ids stay a 404, stale or not
        Session other = Tenants.signup(api, "transfer-stale-other");
        other.api().get("/api/v1/jobs/" + stale).expect(404);
    }

    static long insertJob(long orgId, String state, String age) throws java.sql.SQLException {
        try (java.sql.Connection c =
                        RiskbaseEnvironment.get().postgres().dataSource().getConnection();
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("insert into jobs (org_id, kind, state, rows_total, created_at,"
                        + " updated_at, heartbeat_at) values (" + orgId + ", 'risk-import', '" + state + "', 1000,"
                        + " now() - " + age + ", now() - " + age + ", now() - " + age + ") returning id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Controls, assets and tasks export like risks: CSV with a header row and NDJSON, only the caller's organization's
     * rows, owners by e-mail, a task's risk by the key the risk export gives it; every role may export.
     */
    @Test
    void controlsAssetsAndTasksExportOnlyTheirOrganizationsRows() {
        Session a = Tenants.signup(api, "transfer-tables-a");
        Session b = Tenants.signup(api, "transfer-tables-b");
        Session viewerOfA = Tenants.addUser(a, "VIEWER");
        for (Session s : List.of(a, b)) {
            String mark = s == a ? "A" : "B";
            s.api()
                    .waitingOutRateLimits()
                    .post(
                            "/api/v1/controls",
                            Map.of(
                                    "code",
                                    "C-" + mark,
                                    "name",
                                    "Control, \"" + mark + "\"",
                                    "type",
                                    "PREVENTIVE",
                                    "status",
                                    "IMPLEMENTED",
                                    "owner_id",
                                    s.userId()))
                    .expect(201);
            s.api()
                    .waitingOutRateLimits()
                    .post(
                            "/api/v1/assets",
                            Map.of(
                                    "name",
                                    "Asset " + mark,
                                    "type",
                                    "data",
                                    "criticality",
                                    4,
                                    "tags",
                                    List.of("x", "y")))
                    .expect(201);
            long risk = id(create(s.api(), risk("Risk " + mark, "security", 2, 2)));
            s.api()
                    .waitingOutRateLimits()
                    .post("/api/v1/risks/" + risk + "/tasks", Map.of("title", "Task " + mark, "due_date", "2031-01-31"))
                    .expect(201);
        }
        String controls = export(viewerOfA.api(), "/api/v1/controls/export", "text/csv");
        assertTrue(
                controls.startsWith("id,code,name,description,type,status,owner_email,effectiveness,review_date,"
                        + "created_at,updated_at\r\n"),
                controls);
        assertTrue(
                controls.contains(",C-A,\"Control, \"\"A\"\"\",,PREVENTIVE,IMPLEMENTED," + a.email() + ","), controls);
        assertFalse(controls.contains("C-B"), controls);
        assertEquals(2, controls.split("\r\n").length, controls);

        String assets = export(a.api(), "/api/v1/assets/export?format=ndjson", "application/x-ndjson");
        String[] lines = assets.split("\n");
        assertEquals(1, lines.length, assets);
        JsonObject asset = jakarta.json.Json.createReader(new java.io.StringReader(lines[0]))
                .readObject();
        assertEquals("Asset A", asset.getString("name"));
        assertEquals(4, asset.getInt("criticality"));
        assertEquals(List.of("x", "y"), asset.getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString));
        assertFalse(asset.containsKey("owner_email"), "absent values are left out: " + asset);

        String tasks = export(b.api(), "/api/v1/tasks/export", "text/csv");
        assertTrue(tasks.contains(",Task B,"), tasks);
        assertTrue(tasks.contains(",riskbase:" + b.orgId() + ":"), tasks);
        assertTrue(tasks.contains(",2031-01-31,"), tasks);
        assertFalse(tasks.contains("Task A"), tasks);

        a.api().get("/api/v1/tasks/export?format=xml").expectProblem(400, "format");
        api.get("/api/v1/controls/export").expectProblem(401, null);
    }

    /** The id of the first risk of the caller's organization in the list's default order. */
    static long firstRiskId(Api as) {
        return as.get("/api/v1/risks?size=1")
                .expect(200)
                .array()
                .getJsonObject(0)
                .getJsonNumber("id")
                .longValue();
    }

    static String export(Api as, String path, String mediaType) {
        ApiResponse response = as.waitingOutRateLimits().get(path).expect(200);
        assertTrue(response.header("Content-Type").startsWith(mediaType), response.header("Content-Type"));
        return response.body();
    }

    @Test
    void organizationsNeverSeeOrTouchEachOthersRisksOrJobs() {
        Session a = Tenants.signup(api, "transfer-a");
        Session b = Tenants.signup(api, "transfer-b");
        JsonObject secret = create(a.api(), risk("Secret of A", "security", 2, 2));
        String exportA = exportCsv(a.api(), "");
        JsonObject jobA = runImport(a.api(), HEADER + "\next-1,Imported in A,,security,,,1,1,,,,,,,,\n");
        b.api().get("/api/v1/jobs/" + jobA.getJsonNumber("id").longValue()).expectProblem(404, null);
        assertFalse(exportCsv(b.api(), "").contains("Secret of A"));
        // B imports A's keys: new risks in B, A's untouched
        JsonObject jobB = runImport(b.api(), exportA.replace("Secret of A", "Changed by B"));
        assertEquals(1, jobB.getInt("rows_created"), jobB.toString());
        JsonObject still =
                a.api().get("/api/v1/risks/" + id(secret)).expect(200).json();
        assertEquals("Secret of A", still.getString("title"));
        assertEquals(secret.getInt("version"), still.getInt("version"));
        // bulk edit of another organization's risk: 404 for that item
        JsonArray results = b.api()
                .patch(
                        "/api/v1/risks",
                        List.of(Map.of("id", id(secret), "version", 0, "changes", Map.of("title", "x"))))
                .expect(200)
                .array();
        assertEquals(404, results.getJsonObject(0).getInt("status"));
    }

    @Test
    void rolesDecideWhoImportsAndWhoExports() {
        viewer.api()
                .send("POST", "/api/v1/risks/import?dry_run=true", HEADER + "\n", "text/csv")
                .expectProblem(403, null);
        viewer.api().patch("/api/v1/risks", List.of()).expectProblem(403, null);
        viewer.api().get("/api/v1/risks/export").expect(200);
        analyst.api()
                .send("POST", "/api/v1/risks/import?dry_run=true", HEADER + "\n", "text/csv")
                .expect(200);
    }

    @Test
    void aBulkEditAnswersEveryItemAndTheCachesFollow() {
        Api a = analyst.api();
        long first = id(create(a, risk("Bulk one", "security", 2, 2)));
        long second = id(create(a, risk("Bulk two", "security", 2, 2)));
        long third = id(create(a, risk("Bulk three", "security", 2, 2)));
        a.get("/api/v1/risks/" + first).expect(200);
        a.get("/api/v1/risks?q=bulk").expect(200);
        JsonArray results = a.patch(
                        "/api/v1/risks",
                        List.of(
                                Map.of("id", first, "version", 0, "changes", Map.of("title", "Bulk one, edited")),
                                Map.of("id", second, "version", 7, "changes", Map.of("title", "stale")),
                                Map.of("id", third, "version", 0, "changes", Map.of("likelihood", 11)),
                                Map.of("id", 999_999_999L, "version", 0, "changes", Map.of("title", "x")),
                                Map.of("id", third, "if_match", "\"5\"", "changes", Map.of("title", "x")),
                                Map.of("id", third, "changes", Map.of("title", "x")),
                                Map.of("id", third, "version", 0, "changes", Map.of("impact", 4))))
                .expect(200)
                .array();
        List<Integer> statuses = new ArrayList<>();
        results.forEach(r -> statuses.add(r.asJsonObject().getInt("status")));
        assertEquals(List.of(200, 409, 400, 404, 412, 428, 200), statuses, results.toString());
        assertEquals(1, results.getJsonObject(0).getInt("version"));
        assertEquals(
                "likelihood",
                results.getJsonObject(2).getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(
                "Bulk one, edited",
                a.get("/api/v1/risks/" + first).expect(200).json().getString("title"));
        assertTrue(a.get("/api/v1/risks?q=bulk").expect(200).body().contains("Bulk one, edited"));
        assertEquals(4, a.get("/api/v1/risks/" + third).expect(200).json().getInt("impact"));
        a.patch("/api/v1/risks", Map.of("id", 1)).expectProblem(400, "array");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of("id", first, "version", 1, "changes", Map.of()));
        }
        a.patch("/api/v1/risks", tooMany).expectProblem(400, "1000");
    }

    static String exportCsv(Api as, String query) {
        ApiResponse response = as.get("/api/v1/risks/export" + query).expect(200);
        assertTrue(response.header("Content-Type").startsWith("text/csv"), response.header("Content-Type"));
        return response.body();
    }

    /** Starts a real import of a workbook and waits for its job to end. */
    static JsonObject runImport(Api as, byte[] xlsx) {
        java.net.http.HttpResponse<byte[]> started = as.sendBytes("POST", "/api/v1/risks/import", xlsx, XLSX);
        String body = new String(started.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(202, started.statusCode(), body);
        long job;
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
            job = reader.readObject().getJsonNumber("job_id").longValue();
        }
        return Poll.until(
                "import job " + job,
                Duration.ofSeconds(60),
                Poll.PAUSE,
                () -> as.get("/api/v1/jobs/" + job).expect(200).json(),
                j -> j.getString("state").equals("SUCCEEDED")
                        || j.getString("state").equals("FAILED"));
    }

    /** Starts a real import and waits for its job to end. */
    static JsonObject runImport(Api as, String csv) {
        ApiResponse started =
                as.send("POST", "/api/v1/risks/import", csv, "text/csv").expect(202);
        long job = started.json().getJsonNumber("job_id").longValue();
        assertEquals("/api/v1/jobs/" + job, started.header("Location"));
        return Poll.until(
                "import job " + job,
                Duration.ofSeconds(60),
                Poll.PAUSE,
                () -> as.get("/api/v1/jobs/" + job).expect(200).json(),
                j -> j.getString("state").equals("SUCCEEDED")
                        || j.getString("state").equals("FAILED"));
    }
}
