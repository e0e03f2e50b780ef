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
     * the new change sets run, the data stays, and an invitation and an SSO configuration can be stored for the old
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
        int before = count(c, "select count(*) from databasechangelog");
        DatabaseMigrator.migrate(c);
        assertEquals(
                before + 2, count(c, "select count(*) from databasechangelog"), "only 004-invitations, 007-sso ran");
        assertEquals(1, count(c, "select count(*) from users where email = 'old@old.example'"));
        try (Statement s = c.createStatement()) {
            s.execute("insert into invitations (org_id, email, role, token_hash, created_by, created_at, expires_at)"
                    + " select org_id, 'new@old.example', 'VIEWER', '" + "a".repeat(64) + "', id, current_timestamp,"
                    + " current_timestamp from users where email = 'old@old.example'");
        }
        assertEquals(1, count(c, "select count(*) from invitations"));
        try (Statement s = c.createStatement()) {
            s.execute("insert into sso_configs (org_id, provider, issuer, groups_claim, role_mapping, password_login,"
                    + " updated_at) select id, 'primary', 'https://idp.example/realms/old', 'groups',"
                    + " '{\"admins\":\"ADMIN\"}', false, current_timestamp from organizations where slug = 'old-org'");
        }
        assertEquals(1, count(c, "select count(*) from sso_configs where password_login = false"));
    }

    static int count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
