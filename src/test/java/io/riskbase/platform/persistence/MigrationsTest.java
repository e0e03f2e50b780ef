package io.riskbase.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

/** The changelog applies on the embedded default (H2) and applying it again changes nothing. */
public class MigrationsTest {

    @Test
    void changelogAppliesTwiceOnH2() throws Exception {
        String url = "jdbc:h2:mem:migrations;MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            DatabaseMigrator.migrate(c);
            int applied = count(c, "select count(*) from databasechangelog");
            DatabaseMigrator.migrate(c);
            assertEquals(applied, count(c, "select count(*) from databasechangelog"));
            assertTrue(count(c, "select count(*) from connectors") >= 30, "connector catalogue seeded");
            assertEquals(0, count(c, "select count(*) from risks"));
        }
    }

    @Test
    void anExistingDatabaseWithDataUpgrades() throws Exception {
        try (Connection c =
                DriverManager.getConnection("jdbc:h2:mem:upgrade;MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "")) {
            upgradeKeepsData(c);
        }
    }

    /**
     * An existing database with data (the schema before 004-invitations, one organization and its ADMIN) upgrades: only
     * the new change sets run (004-invitations onwards, among them 009-api-keys, 010-audit-log and 011-sso), the data
     * stays, and an invitation, an API key, an audit entry and an SSO configuration can be stored for the old
     * organization.
     */
    public static void upgradeKeepsData(Connection c) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        new Liquibase("db/changelog/before-004.xml", new ClassLoaderResourceAccessor(), database).update("");
        try (Statement s = c.createStatement()) {
            s.execute(
                    "insert into organizations (slug, name, created_at) values ('old-org', 'Old', current_timestamp)");
            s.execute("insert into users (org_id, email, password_hash, display_name, role, created_at) select id,"
                    + " 'old@old.example', 'x', 'Old admin', 'ADMIN', current_timestamp from organizations"
                    + " where slug = 'old-org'");
        }
        String earlier = "select count(*) from databasechangelog where id like '001-%' or id like '002-%'"
                + " or id like '003-%'";
        int before = count(c, earlier);
        DatabaseMigrator.migrate(c);
        assertEquals(before, count(c, earlier), "no change set before 004 ran again");
        assertEquals(1, count(c, "select count(*) from databasechangelog where id = '004-invitations'"));
        assertEquals(1, count(c, "select count(*) from users where email = 'old@old.example'"));
        try (Statement s = c.createStatement()) {
            s.execute("insert into invitations (org_id, email, role, token_hash, created_by, created_at, expires_at)"
                    + " select org_id, 'new@old.example', 'VIEWER', '" + "a".repeat(64) + "', id, current_timestamp,"
                    + " current_timestamp from users where email = 'old@old.example'");
        }
        assertEquals(1, count(c, "select count(*) from invitations"));
        try (Statement s = c.createStatement()) {
            s.execute("insert into api_keys (org_id, name, scopes, secret_hash, prefix, created_by, created_at)"
                    + " select org_id, 'old key', 'risks:read', '" + "b".repeat(64) + "', 'rbk_1_abcdef', id,"
                    + " current_timestamp from users where email = 'old@old.example'");
            s.execute("insert into audit_chain (org_id, seq, hash) select id, 0, '" + "0".repeat(64) + "'"
                    + " from organizations where slug = 'old-org'");
        }
        assertEquals(1, count(c, "select count(*) from api_keys"));
        assertEquals(1, count(c, "select count(*) from audit_chain"));
        try (Statement s = c.createStatement()) {
            s.execute("insert into sso_configs (org_id, provider, issuer, groups_claim, role_mapping, password_login,"
                    + " updated_at) select id, 'primary', 'https://idp.example/realms/old', 'groups',"
                    + " '{\"admins\":\"ADMIN\"}', false, current_timestamp from organizations where slug = 'old-org'");
        }
        assertEquals(1, count(c, "select count(*) from sso_configs where password_login = false"));
        try (Statement s = c.createStatement()) {
            String oldOrg = " from organizations where slug = 'old-org'";
            s.execute("insert into event_heads (org_id, seq) select id, 1" + oldOrg);
            s.execute("insert into events (org_id, seq, type, object_type, object_id, occurred_at, data)"
                    + " select id, 1, 'user.created', 'user', '1', current_timestamp, '{}'" + oldOrg);
        }
        assertEquals(1, count(c, "select count(*) from events where seq = 1"));
    }

    @Test
    void aDatabaseWithRisksOfThePreviousSchemaUpgradesToTheRiskModel() throws Exception {
        try (Connection c =
                DriverManager.getConnection("jdbc:h2:mem:upgrade-risks;MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "")) {
            riskModelUpgradeKeepsRisks(c);
        }
    }

    /** The columns every risk had before 005: they must read back identical after the upgrade. */
    private static final String OLD_COLUMNS = "id, org_id, title, description, category, severity, status, likelihood,"
            + " impact, score, owner_id, tags, due_date, created_at, updated_at, closed_at, created_by, version";

    /**
     * Risks stored with the schema before 005-methodology (every likelihood × impact cell, some with a severity the
     * client chose) upgrade: every old field reads back identical, the inherent level is the default methodology's
     * (exactly today's severity-for-score), the residual equals the inherent pair, there is no target, and the scores
     * count as methodology version 1.
     */
    public static void riskModelUpgradeKeepsRisks(Connection c) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        new Liquibase("db/changelog/before-005.xml", new ClassLoaderResourceAccessor(), database).update("");
        try (Statement s = c.createStatement()) {
            s.execute(
                    "insert into organizations (slug, name, created_at) values ('risky', 'Risky', current_timestamp)");
            s.execute("insert into users (org_id, email, password_hash, display_name, role, created_at) select id,"
                    + " 'owner@risky.example', 'x', 'Owner', 'ANALYST', current_timestamp from organizations"
                    + " where slug = 'risky'");
            int n = 0;
            for (int l = 1; l <= 5; l++) {
                for (int i = 1; i <= 5; i++) {
                    String severity = n % 7 == 3
                            ? "CRITICAL"
                            : io.riskbase.risk.Severity.forScore(l * i).name();
                    s.execute("insert into risks (org_id, title, description, category, severity, status, likelihood,"
                            + " impact, score, owner_id, tags, due_date, created_at, updated_at, closed_at,"
                            + " created_by, version) select u.org_id, 'Risk " + l + "x" + i + "', "
                            + (n % 2 == 0 ? "'text " + n + "'" : "null") + ", 'security', '" + severity + "', "
                            + (n % 4 == 0 ? "'CLOSED'" : n % 4 == 2 ? "'ACCEPTED'" : "'OPEN'") + ", " + l + ", " + i
                            + ", " + (l * i) + ", "
                            + (n % 3 == 0 ? "u.id" : "null") + ", " + (n % 5 == 0 ? "'a,b'" : "null") + ", "
                            + (n % 2 == 1 ? "date '2027-01-0" + (1 + n % 9) + "'" : "null")
                            + ", timestamp with time zone '2025-03-01 10:00:00+00', timestamp with time zone"
                            + " '2025-03-02 11:30:00.123456+00', "
                            + (n % 4 == 0 ? "timestamp with time zone '2025-03-03 12:00:00+00'" : "null")
                            + ", u.id, " + (n % 3) + " from users u where u.email = 'owner@risky.example'");
                    n++;
                }
            }
        }
        String oldRows = rows(c, "select " + OLD_COLUMNS + " from risks order by id");
        DatabaseMigrator.migrate(c);
        assertEquals(oldRows, rows(c, "select " + OLD_COLUMNS + " from risks order by id"), "old fields unchanged");
        assertEquals(25, count(c, "select count(*) from risks"));
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select likelihood, impact, score, inherent_level, inherent_rank,"
                        + " residual_likelihood, residual_impact, residual_score, residual_level, residual_rank,"
                        + " target_likelihood, target_level, methodology_version, status, created_at, next_review_at,"
                        + " last_reviewed_at, tasks_total, strategy from risks order by id")) {
            int checked = 0;
            while (rs.next()) {
                int l = rs.getInt(1);
                int i = rs.getInt(2);
                io.riskbase.risk.Severity expected = io.riskbase.risk.Severity.forScore(l * i);
                String what = l + "x" + i;
                assertEquals(l * i, rs.getInt(3), what);
                assertEquals(expected.name(), rs.getString(4), what);
                assertEquals(expected.ordinal() + 1, rs.getInt(5), what);
                assertEquals(l, rs.getInt(6), what);
                assertEquals(i, rs.getInt(7), what);
                assertEquals(l * i, rs.getInt(8), what);
                assertEquals(expected.name(), rs.getString(9), what);
                assertEquals(expected.ordinal() + 1, rs.getInt(10), what);
                assertEquals(null, rs.getObject(11), what);
                assertEquals(null, rs.getObject(12), what);
                assertEquals(1, rs.getInt(13), what);
                java.time.OffsetDateTime created = rs.getObject(15, java.time.OffsetDateTime.class);
                java.time.OffsetDateTime nextReview = rs.getObject(16, java.time.OffsetDateTime.class);
                if (rs.getString(14).equals("CLOSED")) {
                    assertEquals(null, nextReview, what);
                } else {
                    int days = io.riskbase.risk.Methodology.DEFAULT
                            .level(expected.name())
                            .reviewIntervalDays();
                    assertEquals(created.plusDays(days).toInstant(), nextReview.toInstant(), what);
                }
                assertEquals(null, rs.getObject(17), what);
                assertEquals(0, rs.getInt(18), what);
                assertEquals(null, rs.getObject(19), what);
                assertEquals(
                        expected.name(),
                        io.riskbase.risk.Methodology.DEFAULT.assess(l, i).level(),
                        "the default grid is today's severity-for-score");
                checked++;
            }
            assertEquals(25, checked);
        }
        // risks ACCEPTED before maker-checker acceptance stay ACCEPTED (old fields above), with no acceptance or expiry
        assertEquals(6, count(c, "select count(*) from risks where status = 'ACCEPTED'"));
        assertEquals(
                0,
                count(
                        c,
                        "select count(*) from risks where acceptance_id is not null or acceptance_state is not null"
                                + " or accepted_until is not null"));
        assertEquals(0, count(c, "select count(*) from risk_acceptances"));
        // the new scales allow 10 levels, the table no longer stops them at 5
        try (Statement s = c.createStatement()) {
            s.execute("update risks set likelihood = 7, residual_likelihood = 7 where title = 'Risk 1x1'");
        }
    }

    private static String rows(Connection c, String sql) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int k = 1; k <= columns; k++) {
                    out.append(rs.getMetaData().getColumnName(k))
                            .append('=')
                            .append(rs.getString(k))
                            .append(k == columns ? "\n" : "|");
                }
            }
        }
        return out.toString();
    }

    static int count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
