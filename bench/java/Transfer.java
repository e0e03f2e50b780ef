import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Import and export figures for docs/benchmarks.md (issue 17): a streamed CSV export of every risk of one organization
 * against PostgreSQL's own COPY ... TO STDOUT of the same rows, and a 100k-row import, its re-import, each with the
 * node's heap sampled from /metrics while it runs. Single-file program; needs the PostgreSQL driver on the class path:
 *
 * <pre>
 * java -cp postgresql.jar Transfer.java BASE JDBC_URL EMAIL PASSWORD IMPORT_ROWS [NODE_PID]
 * </pre>
 * With the node's PID the heap is sampled with {@code jstat -gc} every 250 ms (young + old in use, garbage included:
 * the peak the heap reached, not what survived a GC), from outside the node; without it from the node's /metrics,
 * whose scraping itself cost the node a sixth of its CPU during an import (JFR).
 * <p>
 * Prints one "key=value" line per figure.
 */
public class Transfer {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Pattern HEAP = Pattern.compile("^(?:base_)?memory_usedHeap_bytes\\S* ([0-9.E+]+)", Pattern.MULTILINE);
    static String base;
    static String nodePid;

    public static void main(String[] args) throws Exception {
        base = args[0];
        String jdbc = args[1];
        String token = login(args[2], args[3]);
        int importRows = Integer.parseInt(args[4]);
        nodePid = args.length > 5 ? args[5] : null;

        // export: time to first byte, rows/s, heap peak over the baseline
        long before = heap();
        Sampler sampler = Sampler.start();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/risks/export"))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofMinutes(30))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Counter exported = new Counter();
        long firstByte;
        try (InputStream in = response.body()) {
            int b = in.read();
            firstByte = System.nanoTime() - t0;
            exported.write(b);
            in.transferTo(exported);
        }
        double exportSeconds = (System.nanoTime() - t0) / 1e9;
        long exportPeak = sampler.stop();
        long exportRows = exported.records - 1;
        print("export_status", response.statusCode());
        print("export_rows", exportRows);
        print("export_bytes", exported.bytes);
        print("export_seconds", exportSeconds);
        print("export_rows_per_s", exportRows / exportSeconds);
        print("export_first_byte_ms", firstByte / 1e6);
        print("export_heap_before_mb", before / 1048576.0);
        print("export_heap_peak_growth_mb", (exportPeak - before) / 1048576.0);

        // COPY of the same rows and columns, on the same machine
        long orgId = Long.parseLong(get(token, "/api/v1/me").replaceAll("(?s).*\"organization_id\":([0-9]+).*", "$1"));
        try (Connection c = DriverManager.getConnection(jdbc, "riskbase", "riskbase")) {
            Counter copied = new Counter();
            long c0 = System.nanoTime();
            new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class))
                    .copyOut(
                            "COPY (select coalesce(r.external_id, 'riskbase:' || r.org_id || ':' || r.id), r.title,"
                                    + " r.description, r.category, r.severity, r.status, r.likelihood, r.impact,"
                                    + " r.residual_likelihood, r.residual_impact, r.target_likelihood, r.target_impact,"
                                    + " r.strategy, u.email, replace(r.tags, ',', ';'), r.due_date from risks r"
                                    + " left join users u on u.id = r.owner_id and u.org_id = r.org_id"
                                    + " where r.org_id = " + orgId + " order by r.id) TO STDOUT (FORMAT csv, HEADER)",
                            copied);
            double copySeconds = (System.nanoTime() - c0) / 1e9;
            print("copy_rows", copied.records - 1);
            print("copy_bytes", copied.bytes);
            print("copy_seconds", copySeconds);
            print("copy_rows_per_s", (copied.records - 1) / copySeconds);
            print("export_vs_copy", (exportRows / exportSeconds) / ((copied.records - 1) / copySeconds));
        }

        if (importRows == 0) {
            return; // the export alone (on a large data set)
        }
        // import into a fresh organization, then the same file again
        String freshToken = signup();
        Path file = Files.createTempFile("bench-import-", ".csv");
        StringBuilder csv = new StringBuilder("external_id,title,description,category,likelihood,impact,tags\n");
        for (int i = 0; i < importRows; i++) {
            csv.append("bench-").append(i).append(",Imported risk ").append(i)
                    .append(",\"A description, with a comma\",security,")
                    .append(1 + i % 5).append(',').append(1 + (i / 5) % 5).append(",bench;batch-").append(i % 7)
                    .append('\n');
        }
        Files.writeString(file, csv);
        print("import_file_bytes", Files.size(file));
        for (String run : new String[] {"import", "reimport"}) {
            long h0 = heap();
            Sampler s = Sampler.start();
            long i0 = System.nanoTime();
            HttpResponse<String> started = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/risks/import"))
                            .header("Authorization", "Bearer " + freshToken)
                            .header("Content-Type", "text/csv")
                            .timeout(Duration.ofMinutes(5))
                            .POST(HttpRequest.BodyPublishers.ofFile(file))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) {
                throw new IllegalStateException(run + ": " + started.statusCode() + " " + started.body());
            }
            double accepted = (System.nanoTime() - i0) / 1e9;
            String job = started.body().replaceAll("(?s).*\"job_id\":([0-9]+).*", "$1");
            String state;
            String body;
            double validated = Double.NaN;
            do {
                Thread.sleep(100);
                body = get(freshToken, "/api/v1/jobs/" + job);
                state = body.replaceAll("(?s).*\"state\":\"([A-Z]+)\".*", "$1");
                if (Double.isNaN(validated) && !state.equals("QUEUED") && !state.equals("VALIDATING")) {
                    validated = (System.nanoTime() - i0) / 1e9;
                }
            } while (!state.equals("SUCCEEDED") && !state.equals("FAILED"));
            double seconds = (System.nanoTime() - i0) / 1e9;
            // phases as the job's state shows them, to 0.1 s: upload and the file's inspection, the validation pass,
            // the write pass
            print(run + "_accepted_seconds", accepted);
            print(run + "_validated_seconds", validated);
            long peak = s.stop();
            print(run + "_state", state);
            print(run + "_seconds", seconds);
            print(run + "_rows_per_s", importRows / seconds);
            print(run + "_heap_peak_growth_mb", (peak - h0) / 1048576.0);
            print(run + "_created", field(body, "rows_created"));
            print(run + "_updated", field(body, "rows_updated"));
            print(run + "_unchanged", field(body, "rows_unchanged"));
        }
        Files.delete(file);
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":([0-9]+)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }

    static void print(String key, Object value) {
        System.out.println(key + "=" + (value instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : value));
    }

    static String login(String email, String password) throws Exception {
        String body = post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        return body.replaceAll("(?s).*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    static String signup() throws Exception {
        String slug = "bench-import-" + System.currentTimeMillis();
        post("/api/v1/signup", "{\"organization_name\":\"" + slug + "\",\"email\":\"admin@" + slug
                + ".example\",\"password\":\"load-test-password\",\"display_name\":\"Bench\"}");
        return login("admin@" + slug + ".example", "load-test-password");
    }

    static String post(String path, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String get(String token, String path) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** The node's heap in use (jstat with the node's PID, else /metrics). */
    static long heap() {
        if (nodePid != null) {
            try {
                Process p = new ProcessBuilder("jstat", "-gc", nodePid).redirectErrorStream(true).start();
                List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
                p.waitFor();
                return jstatUsed(lines.get(0), lines.get(1));
            } catch (Exception e) {
                return -1;
            }
        }
        try {
            String text = HTTP.send(
                            HttpRequest.newBuilder(URI.create(base + "/metrics?scope=base"))
                                    .header("Accept", "text/plain")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher m = HEAP.matcher(text);
            return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Bytes in use in the survivor, eden and old spaces of a {@code jstat -gc} line (KB columns). */
    static long jstatUsed(String header, String line) {
        List<String> names = List.of(header.trim().split("\\s+"));
        String[] values = line.trim().split("\\s+");
        double kb = 0;
        for (String column : List.of("S0U", "S1U", "EU", "OU")) {
            kb += Double.parseDouble(values[names.indexOf(column)]);
        }
        return (long) (kb * 1024);
    }

    /** Samples the heap every 250 ms (jstat) or 200 ms (/metrics); stop() answers the highest value seen. */
    static final class Sampler {
        final AtomicLong peak = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        Thread thread;
        Process jstat;

        static Sampler start() throws IOException {
            Sampler s = new Sampler();
            if (nodePid != null) {
                s.jstat = new ProcessBuilder("jstat", "-gc", nodePid, "250").start();
                java.io.BufferedReader out =
                        new java.io.BufferedReader(new java.io.InputStreamReader(s.jstat.getInputStream()));
                s.thread = new Thread(() -> {
                    try {
                        String header = out.readLine();
                        for (String line; (line = out.readLine()) != null; ) {
                            if (!line.trim().startsWith("S0C")) {
                                s.peak.accumulateAndGet(jstatUsed(header, line), Math::max);
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        // the sampler ends with jstat
                    }
                });
                s.thread.setDaemon(true);
                s.thread.start();
                return s;
            }
            s.thread = new Thread(() -> {
                while (s.running.get()) {
                    s.peak.accumulateAndGet(heap(), Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            s.thread.setDaemon(true);
            s.thread.start();
            return s;
        }

        long stop() throws InterruptedException {
            running.set(false);
            if (jstat != null) {
                jstat.destroy();
            }
            thread.join();
            peak.accumulateAndGet(heap(), Math::max);
            return peak.get();
        }
    }

    /** Counts bytes and CSV records (line ends outside quotes). */
    static final class Counter extends OutputStream {
        long bytes;
        long records;
        boolean quoted;

        @Override
        public void write(int b) {
            bytes++;
            if (b == '"') {
                quoted = !quoted;
            } else if (b == '\n' && !quoted) {
                records++;
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(buf[i]);
            }
        }
    }
}
