import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook figures of issue 17 against a running node (bench/webhooks.sh starts it): a real HTTP receiver on loopback
 * (the JDK's HttpServer) verifies every delivery's Standard Webhooks signature and records when it arrived.
 *
 * <ol>
 *   <li>Latency: risks created at a steady rate (default 50/s) for a while; per event, receipt time minus the event's
 *       {@code occurred_at} (written in the write's transaction) and minus the client's acknowledgement.
 *   <li>Outage: the receiver is stopped (connections refused) for a while as writes go on, then started again; the
 *       time from its return until every event has arrived, and events lost (acknowledged writes without a delivery).
 * </ol>
 *
 * Fails (exit 1) on a lost event, a bad signature, an event out of order or a write that was not acknowledged.
 *
 * <pre>java bench/java/WebhookBench.java BASE_URL RECEIVER_PORT [RATE 50] [LATENCY_S 60] [OUTAGE_S 60]</pre>
 */
public class WebhookBench {

    // HTTP/1.1, one connection per writer thread: with the default (h2c upgrade) the writers shared one HTTP/2
    // connection, and one run committed no write for 96 s, the node logging no slow request, until a client timeout
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /** The event's object, whatever the order of its members ({@code {"id":"7","type":"risk"}}). */
    static final Pattern OBJECT = Pattern.compile("\"object\":\\{([^}]*)\\}");

    static final Pattern OBJECT_ID = Pattern.compile("\"id\":\"(\\d+)\"");
    static final Pattern OCCURRED = Pattern.compile("\"occurred_at\":\"([^\"]+)\"");
    static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    static String base;
    static String token;
    static String secret;
    static final Map<Long, Long> ackedAtNanos = new ConcurrentHashMap<>();
    static final Map<Long, Long> receivedAtNanos = new ConcurrentHashMap<>();
    static final Map<Long, Instant> occurredAt = new ConcurrentHashMap<>();
    static final List<String> problems = new CopyOnWriteArrayList<>();
    static final AtomicLong deliveries = new AtomicLong();
    static final AtomicLong lastSeq = new AtomicLong();
    /** System.nanoTime() at a known wall-clock instant: turns occurred_at into the same time base. */
    static final long NANOS0 = System.nanoTime();

    static final Instant WALL0 = Instant.now();

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.out.println("FAILED");
            System.exit(1); // the receivers' and writers' pool threads would keep the JVM alive
        }
    }

    static void run(String[] args) throws Exception {
        base = args[0];
        int receiverPort = Integer.parseInt(args[1]);
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int latencySeconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        int outageSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 60;

        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "admin@webhooks-" + unique + ".example";
        send("POST", "/api/v1/signup", "{\"organization_name\":\"Webhook bench " + unique + "\",\"email\":\"" + email
                + "\",\"password\":\"webhook-bench-password\",\"display_name\":\"Bench\"}", 201);
        token = field(send("POST", "/api/v1/auth/login", "{\"email\":\"" + email
                + "\",\"password\":\"webhook-bench-password\"}", 200).body(), "access_token");
        HttpServer receiver = startReceiver(receiverPort);
        String webhook = send("POST", "/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:" + receiverPort
                + "/hook\",\"event_types\":[\"risk.created\"]}", 201).body();
        secret = field(webhook, "secret");

        System.out.printf(Locale.ROOT, "phase 1: %d risks/s for %d s, receiver up%n", rate, latencySeconds);
        List<Long> phase1 = write(rate, latencySeconds);
        awaitAll(phase1, Duration.ofSeconds(60));
        report("latency", phase1);

        System.out.printf(Locale.ROOT, "phase 2: receiver down for %d s while %d risks/s are written%n", outageSeconds,
                rate);
        receiver.stop(0);
        List<Long> phase2 = write(rate, outageSeconds);
        receiver = startReceiver(receiverPort);
        long back = System.nanoTime();
        boolean drained = awaitAll(phase2, Duration.ofMinutes(10));
        long drainMs = (System.nanoTime() - back) / 1_000_000;
        receiver.stop(0);
        long lost = phase2.stream().filter(id -> !receivedAtNanos.containsKey(id)).count()
                + phase1.stream().filter(id -> !receivedAtNanos.containsKey(id)).count();
        System.out.printf(Locale.ROOT,
                "outage: %d events written while the receiver was down; all delivered %.1f s after it came back"
                        + " (drained: %s); lost %d; deliveries received in all %d (duplicates %d)%n",
                phase2.size(), drainMs / 1000.0, drained, lost, deliveries.get(),
                deliveries.get() - receivedAtNanos.size());
        System.out.printf(Locale.ROOT, "problems: %d%n", problems.size());
        problems.stream().limit(10).forEach(p -> System.out.println("  " + p));
        if (lost > 0 || !problems.isEmpty() || !drained) {
            System.out.println("FAILED");
            System.exit(1);
        }
        System.out.println("passed: every acknowledged write's event arrived, signed, in order");
        System.exit(0); // the receivers' and writers' pool threads would keep the JVM alive
    }

    /** Creates risks at the rate for the seconds (8 client threads, paced by the clock); the acknowledged ids. */
    static List<Long> write(int rate, int seconds) throws Exception {
        List<Long> ids = new CopyOnWriteArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> sent = new ArrayList<>();
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long n = i;
            sent.add(writers.submit(() -> {
                HttpResponse<String> created = send("POST", "/api/v1/risks", "{\"title\":\"Webhook bench " + n
                        + "\",\"category\":\"security\",\"likelihood\":2,\"impact\":3}", 201);
                String location = created.headers().firstValue("Location").orElseThrow();
                long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
                ackedAtNanos.put(id, System.nanoTime());
                ids.add(id);
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        writers.shutdown();
        double achieved = ids.size() / ((System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "  %d writes acknowledged (%.1f/s)%n", ids.size(), achieved);
        return ids;
    }

    static boolean awaitAll(List<Long> ids, Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            if (ids.stream().allMatch(receivedAtNanos::containsKey)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    static void report(String what, List<Long> ids) {
        List<Double> fromCommit = new ArrayList<>();
        List<Double> fromAck = new ArrayList<>();
        for (long id : ids) {
            Long received = receivedAtNanos.get(id);
            if (received == null) {
                continue;
            }
            long occurredNanos = NANOS0 + Duration.between(WALL0, occurredAt.get(id)).toNanos();
            fromCommit.add((received - occurredNanos) / 1e6);
            fromAck.add((received - ackedAtNanos.get(id)) / 1e6);
        }
        System.out.printf(Locale.ROOT, "%s: %d of %d events; occurred_at -> received p50 %.1f ms p99 %.1f ms max %.1f"
                        + " ms; client ack -> received p50 %.1f ms p99 %.1f ms%n",
                what, fromCommit.size(), ids.size(), pct(fromCommit, 50), pct(fromCommit, 99), pct(fromCommit, 100),
                pct(fromAck, 50), pct(fromAck, 99));
        // where in the run the slow ones were: tenths of the writes in order
        int tenth = Math.max(1, fromCommit.size() / 10);
        StringBuilder line = new StringBuilder("  by tenth of the run, p99 ms:");
        for (int i = 0; i + tenth <= fromCommit.size(); i += tenth) {
            line.append(String.format(Locale.ROOT, " %.0f", pct(fromCommit.subList(i, i + tenth), 99)));
        }
        System.out.println(line);
        // one stall delays every event waiting behind it: the slowest ten, when they occurred and when they arrived
        // (seconds since the first event of the run), tell a stall from scattered slow deliveries
        long first = ids.stream()
                .filter(receivedAtNanos::containsKey)
                .mapToLong(id -> NANOS0 + Duration.between(WALL0, occurredAt.get(id)).toNanos())
                .min()
                .orElse(0);
        StringBuilder slowest = new StringBuilder("  slowest (occurred s -> received s, ms):");
        ids.stream()
                .filter(receivedAtNanos::containsKey)
                .sorted((a, b) -> Long.compare(latencyNanos(b), latencyNanos(a)))
                .limit(10)
                .forEach(id -> {
                    long occurred = receivedAtNanos.get(id) - latencyNanos(id);
                    slowest.append(String.format(Locale.ROOT, " %.2f->%.2f (%.0f)", (occurred - first) / 1e9,
                            (receivedAtNanos.get(id) - first) / 1e9, latencyNanos(id) / 1e6));
                });
        System.out.println(slowest);
    }

    static long latencyNanos(long id) {
        return receivedAtNanos.get(id) - (NANOS0 + Duration.between(WALL0, occurredAt.get(id)).toNanos());
    }

    static double pct(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static HttpServer startReceiver(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            deliveries.incrementAndGet();
            if (!verifies(id, timestamp, body, signature)) {
                problems.add("bad signature on " + id);
            }
            Matcher object = OBJECT.matcher(body);
            String member = object.find() ? object.group(1) : "";
            Matcher risk = OBJECT_ID.matcher(member);
            Matcher occurred = OCCURRED.matcher(body);
            Matcher seq = SEQ.matcher(body);
            if (member.contains("\"type\":\"risk\"") && risk.find() && occurred.find() && seq.find()) {
                long riskId = Long.parseLong(risk.group(1));
                long n = Long.parseLong(seq.group(1));
                long previous = lastSeq.getAndAccumulate(n, Math::max);
                if (n < previous && !receivedAtNanos.containsKey(riskId)) {
                    problems.add("event seq " + n + " arrived after seq " + previous);
                }
                occurredAt.putIfAbsent(riskId, Instant.parse(occurred.group(1)));
                receivedAtNanos.putIfAbsent(riskId, now);
            } else {
                problems.add("unexpected body " + body.substring(0, Math.min(200, body.length())));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    static boolean verifies(String id, String timestamp, String body, String signature) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return signature != null
                    && signature.startsWith("v1,")
                    && MessageDigest.isEqual(Base64.getDecoder().decode(signature.substring(3)), expected);
        } catch (Exception e) {
            return false;
        }
    }

    static HttpResponse<String> send(String method, String path, String json, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
