package io.riskbase.risk.generator;

import io.riskbase.identity.PasswordHasher;
import io.riskbase.platform.persistence.DatabaseMigrator;
import io.riskbase.risk.Methodology;
import io.riskbase.risk.RiskSampler;
import io.riskbase.risk.RiskStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Loads realistic volumes into a Riskbase database: N organizations, each with a few users (one ADMIN, two ANALYSTs,
 * VIEWERs; all with the same known password) and M risks drawn by {@link RiskSampler}. Risks go in with PostgreSQL
 * {@code COPY} when the database is PostgreSQL, in JDBC batches otherwise. The schema must exist (start Riskbase once,
 * or pass {@code --migrate}).
 *
 * <pre>
 * mvn -q exec:java -Dexec.args="--orgs 100 --risks-per-org 10000"     (after mvn -DskipTests package)
 * java -cp target/classes:target/test-classes:postgresql.jar:liquibase.jar \
 *     io.riskbase.risk.generator.RiskDataGenerator \
 *     --url jdbc:postgresql://127.0.0.1:5432/riskbase --user riskbase --password secret \
 *     --orgs 100 --risks-per-org 10000
 * </pre>
 *
 * {@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD} are the defaults of the connection options.
 */
public final class RiskDataGenerator {

    public static final String USER_PASSWORD = "load-test-password";
    private static final int CHUNK = 20_000;
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX", Locale.ROOT);
    private static final String SETTINGS =
            "{\"categories\":[\"" + String.join("\",\"", RiskSampler.CATEGORIES) + "\"],\"notifications_enabled\":true,"
                    + "\"review_interval_days\":90,\"risk_appetite\":12,\"timezone\":\"UTC\"}";
    private static final String RISK_COLUMNS =
            "org_id, title, description, category, severity, status, likelihood, impact, score, "
                    + "owner_id, tags, due_date, created_at, updated_at, closed_at, created_by, version, "
                    + "methodology_version, inherent_level, inherent_rank, residual_likelihood, residual_impact, "
                    + "residual_score, residual_level, residual_rank, target_likelihood, target_impact, target_score, "
                    + "target_level, target_rank, next_review_at";

    /** What to generate. */
    public record Options(
            int organizations,
            int risksPerOrganization,
            int usersPerOrganization,
            long seed,
            String prefix,
            int passwordIterations) {
        public Options {
            if (organizations < 1 || risksPerOrganization < 0 || usersPerOrganization < 1) {
                throw new IllegalArgumentException("need at least one organization and one user per organization");
            }
        }
    }

    /** One generated organization: its id, slug and user ids (the first is the ADMIN). */
    public record Org(long id, String slug, List<Long> userIds, List<String> emails) {}

    public record Result(List<Org> organizations, long risks, long millis) {
        public double risksPerSecond() {
            return millis == 0 ? risks : risks * 1000.0 / millis;
        }
    }

    private final Options options;
    private final PrintStream out;

    public RiskDataGenerator(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        if (a.containsKey("help")) {
            System.out.println("options: --url --user --password (default env DB_URL/DB_USER/DB_PASSWORD) --orgs "
                    + "100 --risks-per-org 10000 "
                    + "--users-per-org 5 --seed 42 --prefix gen --password-iterations 210000 --migrate");
            return;
        }
        String url = a.getOrDefault("url", System.getenv("DB_URL"));
        if (url == null) {
            throw new IllegalArgumentException("give --url or DB_URL");
        }
        Options options = new Options(
                Integer.parseInt(a.getOrDefault("orgs", "100")),
                Integer.parseInt(a.getOrDefault("risks-per-org", "10000")),
                Integer.parseInt(a.getOrDefault("users-per-org", "5")),
                Long.parseLong(a.getOrDefault("seed", "42")),
                a.getOrDefault("prefix", "gen"),
                Integer.parseInt(a.getOrDefault("password-iterations", "210000")));
        try (Connection c = DriverManager.getConnection(
                url,
                a.getOrDefault("user", envOr("DB_USER", "riskbase")),
                a.getOrDefault("password", envOr("DB_PASSWORD", "riskbase")))) {
            if (a.containsKey("migrate")) {
                DatabaseMigrator.migrate(c);
            }
            Result result = new RiskDataGenerator(options, System.out).generate(c);
            Org first = result.organizations().get(0);
            System.out.printf(
                    Locale.ROOT,
                    "done: %d organizations, %d risks in %.1f s (%,.0f risks/s); log in as %s / %s%n",
                    result.organizations().size(),
                    result.risks(),
                    result.millis() / 1000.0,
                    result.risksPerSecond(),
                    first.emails().get(0),
                    USER_PASSWORD);
        }
    }

    /** Generates everything on the given connection (left in auto-commit mode afterwards). */
    public Result generate(Connection c) throws SQLException, IOException {
        boolean postgres = c.getMetaData()
                .getDatabaseProductName()
                .toLowerCase(Locale.ROOT)
                .contains("postgres");
        c.setAutoCommit(false);
        long start = System.nanoTime();
        List<Org> orgs = createOrganizations(c);
        c.commit();
        Random random = new Random(options.seed());
        RiskSampler sampler = new RiskSampler(random);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        long total = (long) orgs.size() * options.risksPerOrganization();
        long risksStart = System.nanoTime();
        long written = 0;
        // round-robin over organizations, so every chunk touches all tenants like real traffic would
        List<RiskSampler.Sample> chunk = new ArrayList<>(CHUNK);
        List<Org> chunkOrgs = new ArrayList<>(CHUNK);
        for (int n = 0; n < options.risksPerOrganization(); n++) {
            for (Org org : orgs) {
                chunk.add(sampler.next(org.userIds().size(), now));
                chunkOrgs.add(org);
                if (chunk.size() == CHUNK) {
                    written += flush(c, postgres, chunk, chunkOrgs);
                    progress(written, total, risksStart);
                }
            }
        }
        if (!chunk.isEmpty()) {
            written += flush(c, postgres, chunk, chunkOrgs);
            progress(written, total, risksStart);
        }
        plans(c, orgs);
        c.commit();
        c.setAutoCommit(true);
        if (postgres) {
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE risks");
                s.execute("ANALYZE risk_tasks");
            }
        }
        return new Result(orgs, written, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Treatment plans in a few set-based statements: a risk being mitigated has a task in progress and one to reassess
     * it, a closed one a finished task; task owners and due dates are the risk's.
     */
    private void plans(Connection c, List<Org> orgs) throws SQLException {
        String ids =
                String.join(",", orgs.stream().map(o -> Long.toString(o.id())).toList());
        String columns = "insert into risk_tasks (org_id, risk_id, title, owner_id, due_date, status, completed_at,"
                + " created_by, created_at, updated_at, version) select r.org_id, r.id, ";
        try (Statement s = c.createStatement()) {
            s.execute(columns + "'Put controls in place', r.owner_id, r.due_date, 'IN_PROGRESS', null, r.created_by,"
                    + " r.created_at, r.updated_at, 0 from risks r where r.status = 'MITIGATING' and r.org_id in ("
                    + ids + ")");
            s.execute(columns + "'Reassess the residual risk', r.owner_id, r.due_date, 'OPEN', null, r.created_by,"
                    + " r.created_at, r.updated_at, 0 from risks r where r.status = 'MITIGATING' and r.org_id in ("
                    + ids + ")");
            s.execute(columns + "'Put controls in place', r.owner_id, r.due_date, 'DONE', r.closed_at, r.created_by,"
                    + " r.created_at, r.updated_at, 0 from risks r where r.status = 'CLOSED' and r.org_id in (" + ids
                    + ")");
            s.execute("update risks set strategy = 'MITIGATE', tasks_total = 2, tasks_open = 2 where status ="
                    + " 'MITIGATING' and org_id in (" + ids + ")");
            s.execute("update risks set strategy = 'MITIGATE', tasks_total = 1, tasks_done = 1 where status ="
                    + " 'CLOSED' and org_id in (" + ids + ")");
            s.execute("update risks set strategy = 'ACCEPT' where status = 'ACCEPTED' and org_id in (" + ids + ")");
        }
    }

    private List<Org> createOrganizations(Connection c) throws SQLException {
        String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
        String hash = new PasswordHasher(options.passwordIterations()).hash(USER_PASSWORD.toCharArray());
        Timestamp now = Timestamp.from(java.time.Instant.now());
        List<Org> orgs = new ArrayList<>();
        try (PreparedStatement org = c.prepareStatement(
                        "insert into organizations (slug, name, plan, created_at) values (?, ?, 'FREE', ?)",
                        Statement.RETURN_GENERATED_KEYS);
                PreparedStatement settings = c.prepareStatement(
                        "insert into org_settings (org_id, settings, version, updated_at) values (?, ?, 0, ?)");
                PreparedStatement user = c.prepareStatement(
                        "insert into users (org_id, email, password_hash, display_name, role, status, "
                                + "created_at, version)" + " values (?, ?, ?, ?, ?, 'ACTIVE', ?, 0)",
                        Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 1; i <= options.organizations(); i++) {
                String slug = options.prefix() + "-" + run + "-" + i;
                org.setString(1, slug);
                org.setString(2, "Generated organization " + i + " (" + run + ")");
                org.setTimestamp(3, now);
                org.executeUpdate();
                long orgId = generatedId(org);
                settings.setLong(1, orgId);
                settings.setString(2, SETTINGS);
                settings.setTimestamp(3, now);
                settings.executeUpdate();
                List<Long> userIds = new ArrayList<>();
                List<String> emails = new ArrayList<>();
                for (int u = 0; u < options.usersPerOrganization(); u++) {
                    String role = u == 0 ? "ADMIN" : u <= 2 ? "ANALYST" : "VIEWER";
                    String email = role.toLowerCase(Locale.ROOT) + u + "@" + slug + ".example";
                    user.setLong(1, orgId);
                    user.setString(2, email);
                    user.setString(3, hash);
                    user.setString(4, role.charAt(0) + role.substring(1).toLowerCase(Locale.ROOT) + " " + u);
                    user.setString(5, role);
                    user.setTimestamp(6, now);
                    user.executeUpdate();
                    userIds.add(generatedId(user));
                    emails.add(email);
                }
                orgs.add(new Org(orgId, slug, List.copyOf(userIds), List.copyOf(emails)));
            }
        }
        out.printf(
                Locale.ROOT,
                "created %d organizations with %d users each (password '%s')%n",
                orgs.size(),
                options.usersPerOrganization(),
                USER_PASSWORD);
        return orgs;
    }

    private int flush(Connection c, boolean postgres, List<RiskSampler.Sample> chunk, List<Org> orgs)
            throws SQLException, IOException {
        int n = chunk.size();
        if (postgres) {
            copy(c, chunk, orgs);
        } else {
            batch(c, chunk, orgs);
        }
        c.commit();
        chunk.clear();
        orgs.clear();
        return n;
    }

    private static void copy(Connection c, List<RiskSampler.Sample> chunk, List<Org> orgs)
            throws SQLException, IOException {
        StringBuilder csv = new StringBuilder(chunk.size() * 400);
        for (int i = 0; i < chunk.size(); i++) {
            RiskSampler.Sample s = chunk.get(i);
            Org org = orgs.get(i);
            csv.append(org.id()).append(',');
            quoted(csv, s.title()).append(',');
            quoted(csv, s.description()).append(',');
            csv.append(s.category())
                    .append(',')
                    .append(s.severity())
                    .append(',')
                    .append(s.status())
                    .append(',')
                    .append(s.likelihood())
                    .append(',')
                    .append(s.impact())
                    .append(',')
                    .append(s.score())
                    .append(',');
            if (s.ownerIndex() != null) {
                csv.append(org.userIds().get(s.ownerIndex()));
            }
            csv.append(',');
            if (!s.tags().isEmpty()) {
                quoted(csv, String.join(",", s.tags()));
            }
            csv.append(',');
            if (s.dueDate() != null) {
                csv.append(s.dueDate());
            }
            csv.append(',')
                    .append(TS.format(s.createdAt()))
                    .append(',')
                    .append(TS.format(s.updatedAt()))
                    .append(',');
            if (s.closedAt() != null) {
                csv.append(TS.format(s.closedAt()));
            }
            csv.append(',').append(org.userIds().get(0)).append(",0,1,");
            Methodology.Assessment inherent = s.inherent();
            Methodology.Assessment residual = s.residual();
            Methodology.Assessment target = s.target();
            csv.append(inherent.level()).append(',').append(inherent.rank()).append(',');
            csv.append(residual.likelihood())
                    .append(',')
                    .append(residual.impact())
                    .append(',');
            csv.append(residual.score()).append(',').append(residual.level()).append(',');
            csv.append(residual.rank()).append(',');
            if (target != null) {
                csv.append(target.likelihood())
                        .append(',')
                        .append(target.impact())
                        .append(',');
                csv.append(target.score()).append(',').append(target.level()).append(',');
                csv.append(target.rank());
            } else {
                csv.append(",,,,");
            }
            csv.append(',');
            if (s.nextReviewAt() != null) {
                csv.append(TS.format(s.nextReviewAt()));
            }
            csv.append('\n');
        }
        c.unwrap(org.postgresql.PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY risks (" + RISK_COLUMNS + ") FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
    }

    private static void batch(Connection c, List<RiskSampler.Sample> chunk, List<Org> orgs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into risks (" + RISK_COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, "
                + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < chunk.size(); i++) {
                RiskSampler.Sample s = chunk.get(i);
                Org org = orgs.get(i);
                ps.setLong(1, org.id());
                ps.setString(2, s.title());
                ps.setString(3, s.description());
                ps.setString(4, s.category());
                ps.setString(5, s.severity().name());
                ps.setString(6, s.status().name());
                ps.setInt(7, s.likelihood());
                ps.setInt(8, s.impact());
                ps.setInt(9, s.score());
                if (s.ownerIndex() == null) {
                    ps.setNull(10, Types.BIGINT);
                } else {
                    ps.setLong(10, org.userIds().get(s.ownerIndex()));
                }
                ps.setString(11, s.tags().isEmpty() ? null : String.join(",", s.tags()));
                ps.setObject(12, s.dueDate());
                ps.setObject(13, s.createdAt());
                ps.setObject(14, s.updatedAt());
                ps.setObject(15, s.status() == RiskStatus.CLOSED ? s.closedAt() : null, Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setLong(16, org.userIds().get(0));
                Methodology.Assessment inherent = s.inherent();
                Methodology.Assessment residual = s.residual();
                Methodology.Assessment target = s.target();
                ps.setString(17, inherent.level());
                ps.setInt(18, inherent.rank());
                ps.setInt(19, residual.likelihood());
                ps.setInt(20, residual.impact());
                ps.setInt(21, residual.score());
                ps.setString(22, residual.level());
                ps.setInt(23, residual.rank());
                ps.setObject(24, target == null ? null : target.likelihood(), Types.SMALLINT);
                ps.setObject(25, target == null ? null : target.impact(), Types.SMALLINT);
                ps.setObject(26, target == null ? null : target.score(), Types.SMALLINT);
                ps.setString(27, target == null ? null : target.level());
                ps.setObject(28, target == null ? null : target.rank(), Types.SMALLINT);
                ps.setObject(29, s.nextReviewAt(), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.addBatch();
                if ((i + 1) % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private void progress(long written, long total, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf(Locale.ROOT, "risks %,d/%,d  %,.0f rows/s%n", written, total, written / Math.max(seconds, 1e-3));
    }

    private static StringBuilder quoted(StringBuilder sb, String s) {
        return sb.append('"').append(s.replace("\"", "\"\"")).append('"');
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated key");
            }
            return keys.getLong(1);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + " (see --help)");
            }
            String key = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            map.put(key, flag ? "true" : args[++i]);
        }
        return map;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
