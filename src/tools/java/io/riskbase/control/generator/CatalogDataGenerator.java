package io.riskbase.control.generator;

import io.riskbase.platform.persistence.DatabaseMigrator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Adds to organizations that already have risks (see {@code RiskDataGenerator}): assets, controls, frameworks with a
 * two-level requirement tree, control↔requirement mappings and risk↔asset / risk↔control links, in JDBC batches.
 * Roughly two thirds of the controls are mapped and a quarter of the requirements stay unmapped, so coverage has every
 * status. The scale is 100 organizations × (10k risks, 2k assets, 500 controls, 2 frameworks of 200+
 * requirements); a quarter of the treatment tasks implement a control. PostgreSQL, or H2 in its PostgreSQL mode
 * ({@code on conflict do nothing}).
 */
public final class CatalogDataGenerator {

    private static final String[] TYPES = {"application", "data", "infrastructure", "process", "people", "vendor"};
    private static final String[] CONTROL_TYPES = {"PREVENTIVE", "DETECTIVE", "CORRECTIVE"};
    private static final String[] STATUSES = {"PLANNED", "IMPLEMENTING", "IMPLEMENTED", "IMPLEMENTED", "RETIRED"};

    /** What to add per organization. */
    public record Options(int assets, int controls, int frameworks, int branches, int leavesPerBranch, long seed) {}

    /** What was added in all. */
    public record Result(long assets, long controls, long requirements, long links, long millis) {}

    private final Options options;

    public CatalogDataGenerator(Options options) {
        this.options = options;
    }

    /**
     * After {@code RiskDataGenerator}: adds the catalogue to every organization whose slug starts with the prefix.
     *
     * <pre>
     * mvn -q exec:java -Dexec.mainClass=io.riskbase.control.generator.CatalogDataGenerator \
     *     -Dexec.args="--url jdbc:postgresql://127.0.0.1:15432/riskbase --prefix gen --assets 2000 --controls 500"
     * </pre>
     */
    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> a = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        String url = a.getOrDefault("url", System.getenv("DB_URL"));
        if (url == null) {
            throw new IllegalArgumentException("give --url or DB_URL");
        }
        Options options = new Options(
                Integer.parseInt(a.getOrDefault("assets", "2000")),
                Integer.parseInt(a.getOrDefault("controls", "500")),
                Integer.parseInt(a.getOrDefault("frameworks", "2")),
                Integer.parseInt(a.getOrDefault("branches", "10")),
                Integer.parseInt(a.getOrDefault("leaves", "21")),
                Long.parseLong(a.getOrDefault("seed", "42")));
        try (Connection c = java.sql.DriverManager.getConnection(
                url, a.getOrDefault("user", "riskbase"), a.getOrDefault("password", "riskbase"))) {
            // it writes the current schema's columns: data kept from an older run is upgraded first
            DatabaseMigrator.migrate(c);
            List<Long> orgs;
            try (PreparedStatement ps =
                    c.prepareStatement("select id from organizations where slug like ? order by id")) {
                ps.setString(1, a.getOrDefault("prefix", "gen") + "-%");
                orgs = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        orgs.add(rs.getLong(1));
                    }
                }
            }
            Result r = new CatalogDataGenerator(options).generate(c, orgs);
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
            System.out.printf(
                    "done: %d organizations, %d assets, %d controls, %d leaf requirements, %d links in %.1f s%n",
                    orgs.size(), r.assets(), r.controls(), r.requirements(), r.links(), r.millis() / 1000.0);
        }
    }

    public Result generate(Connection c, List<Long> orgIds) throws SQLException {
        long start = System.currentTimeMillis();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        Random random = new Random(options.seed());
        long assets = 0;
        long controls = 0;
        long requirements = 0;
        long links = 0;
        Timestamp now = Timestamp.from(Instant.now());
        for (long org : orgIds) {
            List<Long> risks = ids(c, "select id from risks where org_id = " + org + " order by id");
            List<Long> assetIds = insertAssets(c, org, now);
            List<Long> controlIds = insertControls(c, org, now, random);
            assets += assetIds.size();
            controls += controlIds.size();
            List<long[]> reqs = new ArrayList<>();
            for (int f = 0; f < options.frameworks(); f++) {
                reqs.addAll(insertFramework(c, org, f, now));
            }
            requirements += reqs.size();
            links += mapControls(c, org, controlIds, reqs, now, random);
            links += link(c, "risk_assets", "asset_id", org, risks, assetIds, now, random);
            links += link(c, "risk_controls", "control_id", org, risks, controlIds, now, random);
            implementControls(c, org, controlIds, random);
            c.commit();
        }
        c.setAutoCommit(auto);
        return new Result(assets, controls, requirements, links, System.currentTimeMillis() - start);
    }

    private List<Long> insertAssets(Connection c, long org, Timestamp now) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("insert into assets (org_id, name, type, criticality, created_at,"
                        + " updated_at, version) values (?, ?, ?, ?, ?, ?, 0)")) {
            for (int i = 0; i < options.assets(); i++) {
                ps.setLong(1, org);
                ps.setString(2, "Asset " + i);
                ps.setString(3, TYPES[i % TYPES.length]);
                ps.setInt(4, 1 + i % 5);
                ps.setTimestamp(5, now);
                ps.setTimestamp(6, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return ids(c, "select id from assets where org_id = " + org + " order by id");
    }

    private List<Long> insertControls(Connection c, long org, Timestamp now, Random random) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into controls (org_id, code, name, type, status,"
                + " effectiveness, created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
            for (int i = 0; i < options.controls(); i++) {
                ps.setLong(1, org);
                ps.setString(2, "C-" + i);
                ps.setString(3, "Control " + i);
                ps.setString(4, CONTROL_TYPES[i % CONTROL_TYPES.length]);
                ps.setString(5, STATUSES[random.nextInt(STATUSES.length)]);
                ps.setInt(6, 1 + random.nextInt(5));
                ps.setTimestamp(7, now);
                ps.setTimestamp(8, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return ids(c, "select id from controls where org_id = " + org + " order by id");
    }

    /** The framework's leaf requirements as (requirement id, framework id). */
    private List<long[]> insertFramework(Connection c, long org, int n, Timestamp now) throws SQLException {
        long fw;
        try (PreparedStatement ps = c.prepareStatement(
                "insert into frameworks (org_id, code, version, name, imported_at) values (?, ?, '1', ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, org);
            ps.setString(2, "GEN-" + n);
            ps.setString(3, "Generated framework " + n);
            ps.setTimestamp(4, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                fw = keys.getLong("id");
            }
        }
        List<long[]> leaves = new ArrayList<>();
        int position = 0;
        try (PreparedStatement branch = c.prepareStatement(
                        "insert into framework_requirements (org_id, framework_id, code, title, position) values (?,"
                                + " ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS);
                PreparedStatement leaf = c.prepareStatement("insert into framework_requirements (org_id, framework_id,"
                        + " parent_id, code, title, position) values (?, ?, ?, ?, ?, ?)")) {
            for (int b = 0; b < options.branches(); b++) {
                branch.setLong(1, org);
                branch.setLong(2, fw);
                branch.setString(3, "B" + b);
                branch.setString(4, "Branch " + b);
                branch.setInt(5, position++);
                branch.executeUpdate();
                long parent;
                try (ResultSet keys = branch.getGeneratedKeys()) {
                    keys.next();
                    parent = keys.getLong("id");
                }
                for (int l = 0; l < options.leavesPerBranch(); l++) {
                    leaf.setLong(1, org);
                    leaf.setLong(2, fw);
                    leaf.setLong(3, parent);
                    leaf.setString(4, "B" + b + "." + l);
                    leaf.setString(5, "Requirement " + b + "." + l);
                    leaf.setInt(6, position++);
                    leaf.addBatch();
                }
            }
            leaf.executeBatch();
        }
        for (long id : ids(
                c,
                "select id from framework_requirements where framework_id = " + fw
                        + " and parent_id is not null order by id")) {
            leaves.add(new long[] {id, fw});
        }
        return leaves;
    }

    private static int mapControls(
            Connection c, long org, List<Long> controls, List<long[]> leaves, Timestamp now, Random random)
            throws SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("insert into control_requirements (org_id, control_id,"
                + " requirement_id, framework_id, created_at) values (?, ?, ?, ?, ?) on conflict do nothing")) {
            // three quarters of the leaves get one to three controls
            for (int i = 0; i < leaves.size(); i++) {
                if (i % 4 == 3 || controls.isEmpty()) {
                    continue;
                }
                int k = 1 + random.nextInt(3);
                for (int j = 0; j < k; j++) {
                    ps.setLong(1, org);
                    ps.setLong(2, controls.get(random.nextInt(controls.size())));
                    ps.setLong(3, leaves.get(i)[0]);
                    ps.setLong(4, leaves.get(i)[1]);
                    ps.setTimestamp(5, now);
                    ps.addBatch();
                    n++;
                }
            }
            ps.executeBatch();
        }
        return n;
    }

    /** Each risk gets zero to two links. */
    private static int link(
            Connection c,
            String table,
            String column,
            long org,
            List<Long> risks,
            List<Long> targets,
            Timestamp now,
            Random random)
            throws SQLException {
        if (targets.isEmpty()) {
            return 0;
        }
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("insert into " + table + " (org_id, risk_id, " + column
                + ", created_at) values (?, ?, ?, ?) on conflict do nothing")) {
            for (long risk : risks) {
                int k = random.nextInt(3);
                for (int j = 0; j < k; j++) {
                    ps.setLong(1, org);
                    ps.setLong(2, risk);
                    ps.setLong(3, targets.get(random.nextInt(targets.size())));
                    ps.setTimestamp(4, now);
                    ps.addBatch();
                    n++;
                    if (n % 5000 == 0) {
                        ps.executeBatch();
                    }
                }
            }
            ps.executeBatch();
        }
        return n;
    }

    /** Every fourth treatment task implements a control, as tasks created with a control_id do. */
    private static void implementControls(Connection c, long org, List<Long> controlIds, Random random)
            throws SQLException {
        if (controlIds.isEmpty()) {
            return;
        }
        List<Long> tasks = ids(c, "select id from risk_tasks where org_id = " + org + " and mod(id, 4) = 0");
        try (PreparedStatement ps =
                c.prepareStatement("update risk_tasks set control_id = ? where org_id = ? and id = ?")) {
            for (long task : tasks) {
                ps.setLong(1, controlIds.get(random.nextInt(controlIds.size())));
                ps.setLong(2, org);
                ps.setLong(3, task);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<Long> ids(Connection c, String sql) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
