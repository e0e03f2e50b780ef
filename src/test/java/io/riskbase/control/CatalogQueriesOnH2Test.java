package io.riskbase.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.control.CatalogRepository.AssetFilter;
import io.riskbase.control.CatalogRepository.ControlFilter;
import io.riskbase.control.CatalogRepository.Kind;
import io.riskbase.control.FrameworkViews.RequirementView;
import io.riskbase.control.generator.CatalogDataGenerator;
import io.riskbase.platform.persistence.DatabaseMigrator;
import io.riskbase.risk.generator.RiskDataGenerator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's repositories through Hibernate on the embedded database (the default of a dev install): the native
 * link and coverage statements run there too, and every read stays inside the organization.
 */
class CatalogQueriesOnH2Test {

    private static final String URL =
            "jdbc:h2:mem:catalogqueries;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    static Connection c;
    static EntityManagerFactory emf;
    static long org;
    static long otherOrg;

    EntityManager em;
    CatalogRepository catalog;
    FrameworkRepository frameworks;

    @BeforeAll
    static void load() throws Exception {
        c = DriverManager.getConnection(URL, "sa", "");
        DatabaseMigrator.migrate(c);
        var result = new RiskDataGenerator(
                        new RiskDataGenerator.Options(2, 60, 2, 3, "cattest", 1000),
                        new PrintStream(OutputStream.nullOutputStream()))
                .generate(c);
        org = result.organizations().get(1).id();
        otherOrg = result.organizations().get(0).id();
        new CatalogDataGenerator(new CatalogDataGenerator.Options(20, 10, 1, 3, 4, 7))
                .generate(c, List.of(org, otherOrg));
        emf = new Configuration()
                .addAnnotatedClass(Asset.class)
                .addAnnotatedClass(Control.class)
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
        catalog = new CatalogRepository();
        catalog.em = em;
        frameworks = new FrameworkRepository();
        frameworks.em = em;
    }

    @AfterEach
    void closeEm() {
        em.close();
    }

    @Test
    void listsAndFiltersStayInsideTheOrganization() {
        AssetFilter none = new AssetFilter(null, null, null, null, null);
        assertEquals(20, catalog.countAssets(org, none));
        assertEquals(20, catalog.assets(org, none, 0, 100).size());
        assertTrue(catalog.assets(org, none, 0, 100).stream().allMatch(a -> a.getOrgId() == org));
        assertEquals(4, catalog.countAssets(org, new AssetFilter("data", null, null, null, "asset")));
        assertEquals(8, catalog.countAssets(org, new AssetFilter(null, null, 4, null, null)));
        ControlFilter anyControl = new ControlFilter(null, null, null, null);
        assertEquals(10, catalog.countControls(org, anyControl));
        assertEquals(1, catalog.countControls(org, new ControlFilter(null, null, null, "c-7")));
        long foreign = catalog.controls(otherOrg, anyControl, 0, 1).get(0).getId();
        assertTrue(catalog.findControl(org, foreign, false).isEmpty());
        em.getTransaction().begin();
        try {
            assertTrue(catalog.findControl(org, foreign, true).isEmpty());
            assertTrue(catalog.findControl(otherOrg, foreign, true).isPresent());
        } finally {
            em.getTransaction().rollback();
        }
    }

    @Test
    void linkAndCoverageStatementsRunOnTheEmbeddedDatabase() {
        long risk = catalog.firstRisks(org, 60).stream()
                .filter(r -> catalog.countOfRisk(Kind.CONTROL, org, r) > 0)
                .findFirst()
                .orElseThrow();
        List<Control> controls = catalog.controlsOfRisk(org, risk, 0, 10);
        assertFalse(controls.isEmpty());
        long control = controls.get(0).getId();
        assertTrue(catalog.risksOf(Kind.CONTROL, org, control, 0, 100).stream().anyMatch(r -> r.id() == risk));
        assertEquals(0, catalog.countRisksOf(Kind.CONTROL, otherOrg, control));
        long fw = frameworks.list(org).get(0).id();
        List<RequirementView> requirements = frameworks.requirements(org, fw);
        assertEquals(15, requirements.size());
        assertTrue(frameworks.requirements(otherOrg, fw).isEmpty());
        assertFalse(frameworks.mappings(org, fw).isEmpty());
        frameworks.treated(org, fw);
        frameworks.requirementsOfControl(org, control);
        assertTrue(catalog.history(org, Kind.CONTROL, control, 0, 10).isEmpty());
    }
}
