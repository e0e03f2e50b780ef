package io.riskbase.it.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.platform.persistence.DatabaseMigrator;
import io.riskbase.platform.persistence.MigrationsTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The changelog applies to an empty PostgreSQL database, and a second run applies nothing. */
class MigrationsIT {

    @Test
    void changelogAppliesTwiceOnAFreshPostgresDatabase() throws Exception {
        var postgres = RiskbaseEnvironment.get().postgres();
        try (Connection admin = postgres.superuserDataSource().getConnection();
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS migrations_twice");
            s.execute("CREATE DATABASE migrations_twice OWNER riskbase");
        }
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/migrations_twice";
        try (Connection c = DriverManager.getConnection(url, "riskbase", "riskbase-test")) {
            DatabaseMigrator.migrate(c);
            int applied = count(c, "select count(*) from databasechangelog");
            DatabaseMigrator.migrate(c);
            assertEquals(applied, count(c, "select count(*) from databasechangelog"));
            assertEquals(1, count(c, "select count(*) from pg_indexes where indexname = 'ix_risks_search'"));
        }
    }

    @Test
    void anExistingPostgresDatabaseWithDataUpgrades() throws Exception {
        var postgres = RiskbaseEnvironment.get().postgres();
        try (Connection admin = postgres.superuserDataSource().getConnection();
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS migrations_upgrade");
            s.execute("CREATE DATABASE migrations_upgrade OWNER riskbase");
        }
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/migrations_upgrade";
        try (Connection c = DriverManager.getConnection(url, "riskbase", "riskbase-test")) {
            MigrationsTest.upgradeKeepsData(c);
        }
    }

    @Test
    void postgresRisksOfThePreviousSchemaUpgradeToTheRiskModel() throws Exception {
        var postgres = RiskbaseEnvironment.get().postgres();
        try (Connection admin = postgres.superuserDataSource().getConnection();
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS migrations_risk_model");
            s.execute("CREATE DATABASE migrations_risk_model OWNER riskbase");
        }
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/migrations_risk_model";
        try (Connection c = DriverManager.getConnection(url, "riskbase", "riskbase-test")) {
            MigrationsTest.riskModelUpgradeKeepsRisks(c);
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
