package io.riskbase.it.partition;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Reads and writes one tenant's risks on several nodes at once and compares every read with a model of what had been
 * acknowledged before the read was sent. A read is <em>stale</em> when it misses an acknowledged write:
 *
 * <ul>
 *   <li>risk by id: its version is lower than the last acknowledged version;
 *   <li>list ({@code X-Total-Count}, and each listed risk's version), matrix total, dashboard total: fewer risks than
 *       acknowledged creates, or an older version of a listed risk;
 *   <li>search for the word the last acknowledged write put in a risk's title: the risk is not found (checked only when
 *       no later write of that risk had been sent before the answer came, which could legitimately replace the word);
 *   <li>history ({@code X-Total-Count}): fewer entries than the risk's create plus its acknowledged updates.
 * </ul>
 *
 * Each risk is written by one writer thread only, so versions never conflict and the model knows every acknowledged
 * version. Creates only add risks (no deletes), so totals only grow. A stale read's age is the time from the
 * acknowledgement of the first write it misses to the arrival of the read's answer.
 */
final class Checker implements AutoCloseable {

    /** Where the load goes: a name for the figures and the tenant's API on that node. */
    record Node(String name, Api api) {}

    /** One request and what the checker made of it. */
    record Sample(
            String node,
            String op,
            long sentNanos,
            long receivedNanos,
            int status,
            boolean stale,
            long staleAgeMillis,
            String serverTiming) {
        long millis() {
            return (receivedNanos - sentNanos) / 1_000_000;
        }

        boolean error() {
            return status < 200 || status >= 300;
        }
    }

    private static final class RiskModel {
        final long id;
        final Map<Long, Long> ackedAt = new ConcurrentHashMap<>();
        volatile long version;
        volatile String word;
        volatile long wordAckedAt;
        volatile long lastWriteSent;
        volatile int updates;

        RiskModel(long id, long version, String word) {
            this.id = id;
            this.version = version;
            this.word = word;
        }
    }

    static final int MAX_RISKS = 60;
    private static final AtomicLong WORDS = new AtomicLong(System.nanoTime() % 1_000_000);

    private final List<RiskModel> risks = new CopyOnWriteArrayList<>();
    private final Map<Long, RiskModel> byId = new ConcurrentHashMap<>();
    private final List<Long> createAckedAt = new CopyOnWriteArrayList<>();
    private final AtomicInteger acknowledgedRisks = new AtomicInteger();
    private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private volatile boolean running;

    /** Creates the tenant's first risks through {@code setup}. */
    Checker(Api setup, int initialRisks) {
        for (int i = 0; i < initialRisks; i++) {
            String word = word();
            JsonObject created = setup.post("/api/v1/risks", body(word, 1 + i % 5, 1 + (i / 5) % 5))
                    .expect(201)
                    .json();
            add(created, word, System.nanoTime());
        }
    }

    private void add(JsonObject created, String word, long ackedAt) {
        RiskModel risk = new RiskModel(
                created.getJsonNumber("id").longValue(),
                created.getJsonNumber("version").longValue(),
                word);
        risk.wordAckedAt = ackedAt;
        byId.put(risk.id, risk);
        createAckedAt.add(ackedAt);
        // counted last: a reader that sees the count also finds the risk
        risks.add(risk);
        acknowledgedRisks.incrementAndGet();
    }

    /**
     * Starts {@code readersPerNode} reader threads on each reader node and one writer thread per writer node; each
     * writer owns the risks whose index modulo the writer count is its own.
     */
    void start(List<Node> writers, List<Node> readers, int readersPerNode, long writePauseMillis) {
        running = true;
        for (int w = 0; w < writers.size(); w++) {
            int index = w;
            Node node = writers.get(w);
            pool.submit(() -> writeLoop(node, index, writers.size(), writePauseMillis));
        }
        for (Node node : readers) {
            for (int r = 0; r < readersPerNode; r++) {
                pool.submit(() -> readLoop(node));
            }
        }
    }

    void stop() {
        running = false;
        pool.shutdown();
        try {
            pool.awaitTermination(90, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    int acknowledgedRisks() {
        return acknowledgedRisks.get();
    }

    private void writeLoop(Node node, int index, int writers, long pauseMillis) {
        while (running) {
            try {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                if (random.nextInt(10) == 0 && risks.size() < MAX_RISKS) {
                    create(node);
                } else {
                    List<RiskModel> mine = new ArrayList<>();
                    for (int i = index; i < risks.size(); i += writers) {
                        mine.add(risks.get(i));
                    }
                    if (!mine.isEmpty()) {
                        update(node, mine.get(random.nextInt(mine.size())));
                    }
                }
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // recorded as an error sample by call(); keep writing
            }
        }
    }

    private void create(Node node) {
        String word = word();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, Object> body = body(word, 1 + random.nextInt(5), 1 + random.nextInt(5));
        long sent = System.nanoTime();
        ApiResponse r = call(() -> node.api().post("/api/v1/risks", body));
        long received = System.nanoTime();
        record(node, "create", sent, received, r == null ? -1 : r.status(), false, 0);
        if (r != null && r.status() == 201) {
            add(r.json(), word, received);
        }
    }

    private void update(Node node, RiskModel risk) {
        String word = word();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", risk.version);
        body.put("title", "Checked risk " + word);
        body.put("likelihood", 1 + random.nextInt(5));
        long sent = System.nanoTime();
        risk.lastWriteSent = sent;
        ApiResponse r = call(() -> node.api().patch("/api/v1/risks/" + risk.id, body));
        long received = System.nanoTime();
        record(node, "update", sent, received, r == null ? -1 : r.status(), false, 0);
        if (r != null && r.status() == 200) {
            long version = r.json().getJsonNumber("version").longValue();
            risk.ackedAt.put(version, received);
            risk.word = word;
            risk.wordAckedAt = received;
            risk.updates++;
            risk.version = version;
        } else if (r != null && r.status() == 409) {
            // a write whose answer was lost may have committed: learn the version from the database's answer
            ApiResponse now = call(() -> node.api().get("/api/v1/risks/" + risk.id));
            if (now != null && now.status() == 200) {
                risk.version = Math.max(
                        risk.version, now.json().getJsonNumber("version").longValue());
            }
        }
    }

    private void readLoop(Node node) {
        while (running) {
            try {
                List<RiskModel> all = new ArrayList<>(risks);
                RiskModel risk = all.get(ThreadLocalRandom.current().nextInt(all.size()));
                switch (ThreadLocalRandom.current().nextInt(10)) {
                    case 0, 1, 2, 3 -> readRisk(node, risk);
                    case 4 -> readList(node);
                    case 5 -> readSearch(node, risk);
                    case 6 -> readCount(node, "matrix", "/api/v1/risks/matrix");
                    case 7 -> readCount(node, "dashboard", "/api/v1/dashboard/stats");
                    default -> readHistory(node, risk);
                }
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a malformed answer: recorded by the read as an error
            }
        }
    }

    private void readRisk(Node node, RiskModel risk) {
        long expected = risk.version;
        long sent = System.nanoTime();
        ApiResponse r = call(() -> node.api().get("/api/v1/risks/" + risk.id));
        long received = System.nanoTime();
        if (r == null || r.status() != 200) {
            record(node, "risk", sent, received, r == null ? -1 : r.status(), false, 0);
            return;
        }
        long seen = r.json().getJsonNumber("version").longValue();
        boolean stale = seen < expected;
        record(node, "risk", sent, received, 200, stale, stale ? age(risk.ackedAt.get(seen + 1), received) : 0);
    }

    private void readList(Node node) {
        int expectedCount = acknowledgedRisks.get();
        Map<Long, Long> expected = new HashMap<>();
        for (RiskModel risk : risks) {
            expected.put(risk.id, risk.version);
        }
        long sent = System.nanoTime();
        ApiResponse r = call(() -> node.api().get("/api/v1/risks?size=100"));
        long received = System.nanoTime();
        if (r == null || r.status() != 200) {
            record(node, "list", sent, received, r == null ? -1 : r.status(), false, 0);
            return;
        }
        int total = Integer.parseInt(r.header("X-Total-Count"));
        long age = 0;
        boolean stale = false;
        if (total < expectedCount) {
            stale = true;
            age = age(createAckedAt.get(total), received);
        }
        for (JsonObject item : r.array().getValuesAs(JsonObject.class)) {
            RiskModel risk = byId.get(item.getJsonNumber("id").longValue());
            long seen = item.getJsonNumber("version").longValue();
            Long want = risk == null ? null : expected.get(risk.id);
            if (want != null && seen < want) {
                stale = true;
                age = Math.max(age, age(risk.ackedAt.get(seen + 1), received));
            }
        }
        record(node, "list", sent, received, 200, stale, age);
    }

    private void readSearch(Node node, RiskModel risk) {
        long lastSentBefore = risk.lastWriteSent;
        String word = risk.word;
        long wordAckedAt = risk.wordAckedAt;
        long sent = System.nanoTime();
        ApiResponse r = call(() -> node.api().get("/api/v1/risks/search?q=" + word));
        long received = System.nanoTime();
        if (r == null || r.status() != 200) {
            record(node, "search", sent, received, r == null ? -1 : r.status(), false, 0);
            return;
        }
        boolean found = r.array().getValuesAs(JsonObject.class).stream()
                .anyMatch(item -> item.getJsonNumber("id").longValue() == risk.id);
        // a verdict only when the word's write was the last one sent and none was sent since: another write may
        // legitimately have replaced the word
        boolean checkable = lastSentBefore < wordAckedAt && risk.lastWriteSent == lastSentBefore;
        boolean stale = !found && checkable;
        record(node, "search", sent, received, 200, stale, stale ? age(wordAckedAt, received) : 0);
    }

    private void readCount(Node node, String op, String path) {
        int expectedCount = acknowledgedRisks.get();
        long sent = System.nanoTime();
        ApiResponse r = call(() -> node.api().get(path));
        long received = System.nanoTime();
        if (r == null || r.status() != 200) {
            record(node, op, sent, received, r == null ? -1 : r.status(), false, 0);
            return;
        }
        int total = r.json().getInt("total");
        boolean stale = total < expectedCount;
        record(node, op, sent, received, 200, stale, stale ? age(createAckedAt.get(total), received) : 0);
    }

    private void readHistory(Node node, RiskModel risk) {
        int expected = 1 + risk.updates;
        long lastAck = risk.ackedAt.getOrDefault(risk.version, 0L);
        long sent = System.nanoTime();
        ApiResponse r = call(() -> node.api().get("/api/v1/risks/" + risk.id + "/history?size=1"));
        long received = System.nanoTime();
        if (r == null || r.status() != 200) {
            record(node, "history", sent, received, r == null ? -1 : r.status(), false, 0);
            return;
        }
        int total = Integer.parseInt(r.header("X-Total-Count"));
        boolean stale = total < expected;
        record(node, "history", sent, received, 200, stale, stale ? age(lastAck, received) : 0);
    }

    private static long age(Long ackedAt, long received) {
        return ackedAt == null || ackedAt == 0 ? 0 : Math.max(0, (received - ackedAt) / 1_000_000);
    }

    private void record(Node node, String op, long sent, long received, int status, boolean stale, long age) {
        samples.add(new Sample(node.name(), op, sent, received, status, stale, age, lastServerTiming.get()));
    }

    /** The node's own account of the last answer this thread received (Server-Timing), for slow samples. */
    private static final ThreadLocal<String> lastServerTiming = new ThreadLocal<>();

    private static ApiResponse call(Supplier<ApiResponse> request) {
        lastServerTiming.remove();
        try {
            ApiResponse response = request.get();
            if (response != null) {
                lastServerTiming.set(response.header("Server-Timing"));
            }
            return response;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Object> body(String word, int likelihood, int impact) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Checked risk " + word);
        body.put("category", "operational");
        body.put("likelihood", likelihood);
        body.put("impact", impact);
        return body;
    }

    /** A word no other title contains, letters only so that text search treats it as one token. */
    private static String word() {
        long n = WORDS.incrementAndGet();
        StringBuilder b = new StringBuilder("zq");
        do {
            b.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return b.toString();
    }

    /** Counts per node and op: requests, errors (by status), stale reads and their largest age, p50/p99 latency. */
    static String summary(List<Sample> samples) {
        Map<String, List<Sample>> groups = new TreeMap<>();
        for (Sample s : samples) {
            groups.computeIfAbsent(s.node() + " " + s.op(), k -> new ArrayList<>())
                    .add(s);
        }
        StringBuilder b = new StringBuilder();
        groups.forEach((key, list) -> {
            Map<Integer, Integer> errors = new TreeMap<>();
            list.stream().filter(Sample::error).forEach(s -> errors.merge(s.status(), 1, Integer::sum));
            long stale = list.stream().filter(Sample::stale).count();
            long maxAge = list.stream().mapToLong(Sample::staleAgeMillis).max().orElse(0);
            long[] ms = list.stream().mapToLong(Sample::millis).sorted().toArray();
            b.append(String.format(
                    "  %-20s n=%5d errors=%s stale=%d maxAge=%dms p50=%dms p99=%dms max=%dms%n",
                    key,
                    list.size(),
                    errors,
                    stale,
                    maxAge,
                    ms[ms.length / 2],
                    ms[Math.min(ms.length - 1, (int) (ms.length * 0.99))],
                    ms[ms.length - 1]));
        });
        return b.toString();
    }

    @Override
    public void close() {
        stop();
    }
}
