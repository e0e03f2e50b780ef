import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two benchmark scenarios wrk cannot check (its Lua callbacks cannot tell which request a
 * response answers): a read/write mix with a staleness checker, and cross-node invalidation
 * propagation measured over HTTP. Single-file program, JDK only: {@code java Consistency.java ...}.
 *
 * <pre>
 * java Consistency.java rw          BASE TARGETS THREADS SECONDS WRITE_PERCENT OUT.json
 * java Consistency.java propagation BASE_A BASE_B TARGETS THREADS ROUNDS OUT.json
 * </pre>
 * TARGETS: lines "token riskId"; a risk is written by one client thread only, so its writes never
 * conflict and the thread knows each acknowledged version.
 *
 * <p>rw: a read is <em>stale</em> when the version it returns (ETag) is lower than the highest
 * version whose write had been acknowledged before the read was sent — tolerance 0, same node.
 * A third of the writes are task writes (a task created on the risk, the next one deleting it):
 * each moves the risk's version by exactly one, so the thread knows the version it must read,
 * and a read of the risk after one checks that its cached view (task counts) was evicted.
 * propagation: a client reads a risk on B (so B caches it), writes it on A, and from the moment A
 * acknowledges polls B until B returns the new version; that interval is the propagation time
 * as a client sees it (bounded above by one poll round-trip).
 */
public final class Consistency {

    private static final Pattern TAG = Pattern.compile("\"?(\\d+)\"?");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Target(String token, long riskId) {
    }

    record Reply(int status, long version, long nanos, String tier, long dbNanos, long redisNanos, long serverNanos) {
        Reply(int status, long version, long nanos) {
            this(status, version, nanos, "", 0, 0, 0);
        }
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "rw" -> readWrite(args[1], targets(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Path.of(args[6]));
            case "propagation" -> propagation(args[1], args[2], targets(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Path.of(args[6]));
            default -> throw new IllegalArgumentException("rw | propagation");
        }
    }

    static List<Target> targets(String file) throws IOException {
        List<Target> list = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(file))) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2) {
                list.add(new Target(f[0], Long.parseLong(f[1])));
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no targets in " + file);
        }
        return list;
    }

    static Reply get(String base, Target t) {
        long start = System.nanoTime();
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/risks/" + t.riskId()))
                    .header("Authorization", "Bearer " + t.token()).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return new Reply(r.statusCode(), version(r), System.nanoTime() - start, tier(r), timing(r, DB), timing(r, REDIS),
                    timing(r, TOTAL));
        } catch (IOException e) {
            return new Reply(-1, -1, System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, -1, System.nanoTime() - start);
        }
    }

    private static final Pattern TIER = Pattern.compile("cache;desc=\"(\\w+)\"");

    /** The cache tier the node says answered ({@code Server-Timing}), or "" when it names none. */
    static String tier(HttpResponse<?> r) {
        return r.headers().firstValue("Server-Timing").map(TIER::matcher).filter(Matcher::find).map(m -> m.group(1)).orElse("");
    }

    private static final Pattern DB = Pattern.compile("db;dur=([0-9.]+)");
    private static final Pattern REDIS = Pattern.compile("redis;dur=([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("total;dur=([0-9.]+)");

    /** A duration the node reports for the request ({@code Server-Timing}: db, redis or total), 0 when it names none. */
    static long timing(HttpResponse<?> r, Pattern entry) {
        return r.headers().firstValue("Server-Timing").map(entry::matcher).filter(Matcher::find)
                .map(m -> (long) (Double.parseDouble(m.group(1)) * 1e6)).orElse(0L);
    }

    static Reply patch(String base, Target t, long ifMatch, String title) {
        long start = System.nanoTime();
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/risks/" + t.riskId()))
                    .header("Authorization", "Bearer " + t.token()).header("Content-Type", "application/merge-patch+json")
                    .header("If-Match", "\"" + ifMatch + "\"").timeout(Duration.ofSeconds(10))
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\"}")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return new Reply(r.statusCode(), version(r), System.nanoTime() - start);
        } catch (IOException e) {
            return new Reply(-1, -1, System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, -1, System.nanoTime() - start);
        }
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    /** Creates a task on the risk ({@code taskId} < 0) or deletes the one created before; status and new task id. */
    static long[] taskWrite(String base, Target t, long taskId, String title) {
        String path = base + "/api/v1/risks/" + t.riskId() + "/tasks";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(taskId < 0 ? path : path + "/" + taskId))
                .header("Authorization", "Bearer " + t.token()).timeout(Duration.ofSeconds(10));
        if (taskId < 0) {
            b.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\"}"));
        } else {
            b.DELETE();
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = ID.matcher(r.body());
            return new long[] {r.statusCode(), taskId < 0 && m.find() ? Long.parseLong(m.group(1)) : -1};
        } catch (IOException e) {
            return new long[] {-1, -1};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new long[] {-1, -1};
        }
    }

    static long version(HttpResponse<?> r) {
        return r.headers().firstValue("ETag").map(TAG::matcher).filter(Matcher::matches).map(m -> Long.parseLong(m.group(1))).orElse(-1L);
    }

    /** Latencies in nanoseconds, one array per thread, merged at the end. */
    static final class Samples {
        long[] values = new long[1 << 14];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        static long[] merge(List<Samples> all) {
            long[] merged = new long[all.stream().mapToInt(s -> s.size).sum()];
            int at = 0;
            for (Samples s : all) {
                System.arraycopy(s.values, 0, merged, at, s.size);
                at += s.size;
            }
            Arrays.sort(merged);
            return merged;
        }
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static String dist(long[] sorted) {
        double[] points = {1, 5, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 95, 97, 98, 99, 99.5, 99.9, 99.99, 100};
        StringBuilder b = new StringBuilder("[");
        for (double p : points) {
            b.append(b.length() > 1 ? "," : "").append(String.format(Locale.ROOT, "[%s,%.3f]", fmt(p), pct(sorted, p)));
        }
        return b.append(']').toString();
    }

    static String fmt(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    static String stats(String prefix, long[] sorted) {
        return String.format(Locale.ROOT, "\"%sp50_ms\":%.3f,\"%sp95_ms\":%.3f,\"%sp99_ms\":%.3f,\"%smax_ms\":%.3f", prefix, pct(sorted, 50), prefix,
                pct(sorted, 95), prefix, pct(sorted, 99), prefix, pct(sorted, 100));
    }

    static void readWrite(String base, List<Target> targets, int threads, int seconds, int writePercent, Path out) throws Exception {
        int n = targets.size();
        if (n < threads) {
            throw new IllegalArgumentException("need at least one target per thread");
        }
        AtomicLongArray acked = new AtomicLongArray(n);
        AtomicLongArray ackedAt = new AtomicLongArray(n);
        AtomicLong staleLatestMicros = new AtomicLong();
        long[] current = new long[n];
        for (int i = 0; i < n; i++) {
            Reply r = get(base, targets.get(i));
            if (r.status() != 200) {
                throw new IllegalStateException("risk " + targets.get(i).riskId() + " answered " + r.status());
            }
            current[i] = r.version();
            acked.set(i, r.version());
        }
        AtomicLong reads = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong stale = new AtomicLong();
        AtomicLong readsAfterWrite = new AtomicLong();
        AtomicLong taskWrites = new AtomicLong();
        AtomicLong readsAfterTaskWrite = new AtomicLong();
        AtomicLong staleAfterTaskWrite = new AtomicLong();
        // per risk: 1 when its last acknowledged write was a task write; the task the owner created, -1 when none
        AtomicLongArray lastWasTask = new AtomicLongArray(n);
        long[] openTask = new long[n];
        Arrays.fill(openTask, -1);
        List<String> examples = new ArrayList<>();
        List<Samples> readLat = new ArrayList<>();
        List<Samples> writeLat = new ArrayList<>();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int self = w;
            Samples rl = new Samples();
            Samples wl = new Samples();
            readLat.add(rl);
            writeLat.add(wl);
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                long counter = 0;
                while (System.nanoTime() < deadline) {
                    if (random.nextInt(100) < writePercent) {
                        // only the owning thread (i % threads) writes a risk, so its If-Match version is always current
                        int i = self + threads * random.nextInt((n - self + threads - 1) / threads);
                        if (random.nextInt(3) == 0) {
                            long t0 = System.nanoTime();
                            long[] done = taskWrite(base, targets.get(i), openTask[i], "bench task #" + (++counter));
                            wl.add(System.nanoTime() - t0);
                            writes.incrementAndGet();
                            taskWrites.incrementAndGet();
                            if (done[0] == 201 || done[0] == 204) {
                                // a task write moves its risk's version by exactly one (the owner is its only writer)
                                openTask[i] = done[0] == 201 ? done[1] : -1;
                                current[i] += 1;
                                lastWasTask.set(i, 1);
                                acked.accumulateAndGet(i, current[i], Math::max);
                                ackedAt.set(i, System.nanoTime());
                            } else {
                                errors.incrementAndGet();
                            }
                            continue;
                        }
                        Reply r = patch(base, targets.get(i), current[i], "bench rw " + targets.get(i).riskId() + " #" + (++counter));
                        wl.add(r.nanos());
                        writes.incrementAndGet();
                        if (r.status() == 200 && r.version() > 0) {
                            lastWasTask.set(i, 0);
                            current[i] = r.version();
                            acked.accumulateAndGet(i, r.version(), Math::max);
                            ackedAt.set(i, System.nanoTime());
                        } else {
                            errors.incrementAndGet();
                        }
                    } else {
                        int i = random.nextInt(n);
                        long before = acked.get(i);
                        boolean afterTask = lastWasTask.get(i) == 1;
                        long sinceAck = (System.nanoTime() - ackedAt.get(i)) / 1000;
                        Reply r = get(base, targets.get(i));
                        rl.add(r.nanos());
                        reads.incrementAndGet();
                        if (r.status() != 200) {
                            errors.incrementAndGet();
                        } else {
                            if (ackedAt.get(i) != 0) {
                                readsAfterWrite.incrementAndGet();
                                if (afterTask) {
                                    readsAfterTaskWrite.incrementAndGet();
                                }
                            }
                            if (r.version() < before) {
                                stale.incrementAndGet();
                                if (afterTask) {
                                    staleAfterTaskWrite.incrementAndGet();
                                }
                                staleLatestMicros.accumulateAndGet(sinceAck, Math::max);
                                synchronized (examples) {
                                    if (examples.size() < 5) {
                                        examples.add(String.format(Locale.ROOT, "risk %d read version %d, sent %.1f ms after version %d was acknowledged",
                                                targets.get(i).riskId(), r.version(), sinceAck / 1000.0, before));
                                    }
                                }
                            }
                        }
                    }
                }
            }, "rw-" + w);
            workers.add(thread);
            thread.start();
        }
        for (Thread t : workers) {
            t.join();
        }
        double secs = (System.nanoTime() - started) / 1e9;
        long[] all = Samples.merge(concat(readLat, writeLat));
        long[] r = Samples.merge(readLat);
        long[] w = Samples.merge(writeLat);
        String json = String.format(Locale.ROOT,
                "{\"name\":\"rw\",\"tool\":\"java\",\"requests\":%d,\"duration_s\":%.2f,\"rps\":%.1f,%s,\"errors\":%d,\"reads\":%d,\"writes\":%d,"
                        + "\"write_share\":%.3f,\"task_writes\":%d,\"reads_checked_after_a_task_write\":%d,"
                        + "\"stale_after_a_task_write\":%d,\"reads_checked_after_a_write\":%d,\"stale_reads\":%d,\"stale_latest_sent_after_ack_ms\":%.1f,\"stale_examples\":[%s],\"targets\":%d,\"threads\":%d,"
                        + "%s,%s,\"dist\":%s}",
                all.length, secs, all.length / secs, stats("", all), errors.get(), reads.get(), writes.get(),
                writes.get() / (double) Math.max(1, all.length), taskWrites.get(), readsAfterTaskWrite.get(),
                staleAfterTaskWrite.get(), readsAfterWrite.get(), stale.get(), staleLatestMicros.get() / 1000.0,
                String.join(",", examples.stream().map(s -> "\"" + s + "\"").toList()), n, threads, stats("read_", r), stats("write_", w), dist(all));
        write(out, json);
        failIf(stale.get() > 0 || errors.get() > 0, stale.get() + " stale reads, " + errors.get() + " errors");
    }

    static List<Samples> concat(List<Samples> a, List<Samples> b) {
        List<Samples> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static void propagation(String baseA, String baseB, List<Target> targets, int threads, int rounds, Path out) throws Exception {
        List<Samples> lags = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong timeouts = new AtomicLong();
        AtomicLong polls = new AtomicLong();
        // where the time goes: the poll that first saw the new version (its own duration, and which tier answered it)
        List<Samples> seenPolls = new ArrayList<>();
        List<Samples> seenDbs = new ArrayList<>();
        List<Samples> seenRedises = new ArrayList<>();
        List<Samples> seenServers = new ArrayList<>();
        java.util.concurrent.ConcurrentHashMap<String, AtomicLong> seenTiers = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < threads; w++) {
            int self = w;
            Samples lag = new Samples();
            lags.add(lag);
            Samples seenPoll = new Samples();
            seenPolls.add(seenPoll);
            Samples seenDb = new Samples();
            seenDbs.add(seenDb);
            Samples seenRedis = new Samples();
            seenRedises.add(seenRedis);
            Samples seenServer = new Samples();
            seenServers.add(seenServer);
            Thread thread = new Thread(() -> {
                for (int round = 0; round < rounds; round++) {
                    // each thread owns the targets i with i % threads == self
                    int owned = (targets.size() - self + threads - 1) / threads;
                    if (owned <= 0) {
                        return;
                    }
                    Target t = targets.get(self + threads * (round % owned));
                    Reply onB = get(baseB, t);
                    Reply onA = get(baseA, t);
                    if (onB.status() != 200 || onA.status() != 200) {
                        errors.incrementAndGet();
                        continue;
                    }
                    Reply written = patch(baseA, t, onA.version(), "bench propagation " + t.riskId() + " #" + round);
                    long acked = System.nanoTime();
                    if (written.status() != 200) {
                        errors.incrementAndGet();
                        continue;
                    }
                    long limit = acked + 5_000_000_000L;
                    Reply r = null;
                    while (true) {
                        r = get(baseB, t);
                        polls.incrementAndGet();
                        if (r.status() == 200 && r.version() >= written.version()) {
                            lag.add(System.nanoTime() - acked);
                            seenPoll.add(r.nanos());
                            seenDb.add(r.dbNanos());
                            seenRedis.add(r.redisNanos());
                            seenServer.add(r.serverNanos());
                            seenTiers.computeIfAbsent(r.tier().isEmpty() ? "none" : r.tier(), k -> new AtomicLong()).incrementAndGet();
                            break;
                        }
                        if (System.nanoTime() > limit) {
                            timeouts.incrementAndGet();
                            // what B still answered, to tell a lost invalidation from a stale refill or a failing node
                            System.err.printf(Locale.ROOT,
                                    "timeout: risk %d written on A as version %d at %s; B's last answer: status %d, "
                                            + "version %d, tier '%s'%n",
                                    t.riskId(), written.version(), java.time.Instant.now().minusSeconds(5), r.status(),
                                    r.version(), r.tier());
                            break;
                        }
                    }
                }
            }, "propagation-" + w);
            workers.add(thread);
            thread.start();
        }
        for (Thread t : workers) {
            t.join();
        }
        long[] l = Samples.merge(lags);
        long[] seen = Samples.merge(seenPolls);
        long[] seenDb = Samples.merge(seenDbs);
        long[] seenRedis = Samples.merge(seenRedises);
        long[] seenServer = Samples.merge(seenServers);
        double secs = (System.nanoTime() - started) / 1e9;
        StringBuilder tiers = new StringBuilder("{");
        seenTiers.forEach((k, v) -> tiers.append(tiers.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v.get()));
        String json = String.format(Locale.ROOT,
                "{\"name\":\"propagation_http\",\"tool\":\"java\",\"writes\":%d,\"duration_s\":%.2f,%s,\"errors\":%d,\"timeouts_5s\":%d,\"polls\":%d,"
                        + "\"threads\":%d,\"seen_poll\":{%s,%s,%s,%s,\"tiers\":%s}},\"dist\":%s}",
                l.length, secs, stats("", l), errors.get(), timeouts.get(), polls.get(), threads,
                stats("", seen), stats("db_", seenDb), stats("redis_", seenRedis), stats("server_", seenServer), tiers, dist(l));
        write(out, json);
        failIf(timeouts.get() > 0 || errors.get() > 0, timeouts.get() + " timeouts, " + errors.get() + " errors");
    }

    /** Exit status 3: the numbers are written, but the run must fail (a stale read, a timeout or an error). */
    static void failIf(boolean failed, String what) {
        if (failed) {
            System.err.println("FAILED: " + what);
            System.exit(3);
        }
    }

    static void write(Path out, String json) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            w.println(json);
        }
        System.out.println(json);
    }
}
