package io.riskbase.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.platform.persistence.DatabaseMigrator;
import io.riskbase.platform.persistence.Dialect;
import io.riskbase.platform.web.Page;
import io.riskbase.platform.web.PageRequest;
import io.riskbase.risk.generator.RiskDataGenerator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RiskRepository} through Hibernate on the embedded database: every read is inside the organization, and the
 * locking read neither returns nor locks a row of another organization.
 */
class RiskRepositoryOnH2Test {

    private static final String URL =
            "jdbc:h2:mem:riskrepository;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    static Connection c;
    static EntityManagerFactory emf;
    static long org;
    static long otherOrg;

    EntityManager em;
    RiskRepository risks;

    @BeforeAll
    static void load() throws Exception {
        c = DriverManager.getConnection(URL, "sa", "");
        DatabaseMigrator.migrate(c);
        var result = new RiskDataGenerator(
                        new RiskDataGenerator.Options(2, 60, 2, 3, "repotest", 1000),
                        new PrintStream(OutputStream.nullOutputStream()))
                .generate(c);
        org = result.organizations().get(1).id();
        otherOrg = result.organizations().get(0).id();
        emf = new Configuration()
                .addAnnotatedClass(Risk.class)
                .addAnnotatedClass(RiskHistory.class)
                .setProperty("hibernate.connection.url", URL)
                .setProperty("hibernate.connection.username", "sa")
                .setProperty("hibernate.connection.password", "")
                .setProperty("hibernate.jdbc.time_zone", "UTC")
                .buildSessionFactory();
    }

    @AfterAll
    static void close() throws Exception {
        emf.close();
        c.close();
    }

    @BeforeEach
    void open() {
        em = emf.createEntityManager();
        risks = new RiskRepository();
        risks.em = em;
        risks.dialect = new Dialect() {
            @Override
            public boolean isPostgres() {
                return false;
            }
        };
    }

    @AfterEach
    void closeEntityManager() {
        if (em.getTransaction().isActive()) {
            em.getTransaction().rollback();
        }
        em.close();
    }

    @Test
    void theLockingReadNeitherReturnsNorLocksAnotherOrganizationsRisk() throws Exception {
        long foreign = scalar("select min(id) from risks where org_id = " + otherOrg);

        em.getTransaction().begin();
        assertTrue(risks.findForUpdate(org, foreign).isEmpty());
        assertTrue(risks.find(org, foreign).isEmpty());
        assertEquals(1, updateFromAnotherConnection(foreign), "another organization's row must not be locked");
        em.getTransaction().rollback();

        // the control: the owner's locking read does lock the row until its transaction ends
        em.getTransaction().begin();
        assertEquals(
                foreign, risks.findForUpdate(otherOrg, foreign).orElseThrow().getId());
        assertThrows(SQLException.class, () -> updateFromAnotherConnection(foreign));
        em.getTransaction().rollback();
        assertEquals(1, updateFromAnotherConnection(foreign));
    }

    @Test
    void listCountAndMatrixStayInsideTheOrganization() throws Exception {
        Page<Risk> first = risks.list(org, RiskFilter.NONE, RiskSort.DEFAULT, new PageRequest(1, 25));
        assertEquals(60, first.total());
        assertEquals(25, first.items().size());
        assertTrue(first.items().stream().allMatch(r -> r.getOrgId() == org));
        Page<Risk> last = risks.list(org, RiskFilter.NONE, RiskSort.DEFAULT, new PageRequest(3, 25));
        assertEquals(60, last.total());
        assertEquals(10, last.items().size());
        assertEquals(60, risks.count(org, RiskFilter.NONE));

        long notClosed = scalar("select count(*) from risks where org_id = " + org + " and status <> 'CLOSED'");
        long inCells =
                risks
                        .matrix(org, java.util.List.of(RiskStatus.OPEN, RiskStatus.MITIGATING, RiskStatus.ACCEPTED))
                        .stream()
                        .mapToLong(RiskRepository.CellCount::count)
                        .sum();
        assertEquals(notClosed, inCells);
    }

    /** Touches the row from a second connection that waits at most 300 ms for a lock; the number of rows updated. */
    private static int updateFromAnotherConnection(long id) throws SQLException {
        try (Connection other = DriverManager.getConnection(URL, "sa", "")) {
            try (Statement s = other.createStatement()) {
                s.execute("SET LOCK_TIMEOUT 300");
            }
            try (PreparedStatement update = other.prepareStatement("update risks set title = title where id = ?")) {
                update.setLong(1, id);
                return update.executeUpdate();
            }
        }
    }

    private static long scalar(String sql) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
