package io.riskbase.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The changelog applies on the embedded default (H2) and applying it again changes nothing. */
class MigrationsTest {

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

    private static int count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
