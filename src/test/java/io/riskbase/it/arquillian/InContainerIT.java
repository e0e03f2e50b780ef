package io.riskbase.it.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.identity.DemoDataSeeder;
import io.riskbase.identity.IdentityCache;
import io.riskbase.identity.IdentityViews.OrganizationView;
import io.riskbase.identity.OrganizationService;
import io.riskbase.identity.PasswordHasher;
import io.riskbase.platform.cache.CacheMetrics;
import io.riskbase.platform.cache.CacheRuntime;
import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.persistence.DatabaseMigrator;
import jakarta.inject.Inject;
import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside the Liberty runtime (Arquillian managed container): the built WAR with this class added, checking the
 * pieces that only exist in the container — Liquibase at start-up on the container's data source, CDI interceptors over
 * Hazelcast JCache, Hibernate under Liberty's JPA.
 */
@ExtendWith(ArquillianExtension.class)
class InContainerIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/riskbase.war"))
                .addClass(InContainerIT.class)
                .addClass(BulkheadProbe.class)
                .addClass(PersistenceContextProbe.class);
    }

    @Inject
    DatabaseMigrator migrator;

    @Inject
    OrganizationService organizations;

    @Inject
    CacheRuntime cache;

    @Inject
    CacheMetrics metrics;

    @Inject
    PasswordHasher hasher;

    @Inject
    BulkheadProbe bulkhead;

    @Inject
    PersistenceContextProbe persistenceContext;

    @Inject
    io.riskbase.risk.RiskService riskService;

    @Inject
    io.riskbase.risk.RiskRepository riskRepository;

    private static long single(String sql) throws Exception {
        DataSource dataSource = InitialContext.doLookup("jdbc/riskbase");
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * An import's validation pass runs outside a transaction, where Liberty keeps what a read loads managed until the
     * job ends: its read of stored risks must leave none behind (a 100k-row re-import held all of them).
     */
    @Test
    void anImportsValidationReadLeavesNoRiskManaged() throws Exception {
        long org = single("select org_id from risks where external_id is null group by org_id order by count(*) desc"
                + " limit 1");
        java.util.List<String> keys = new java.util.ArrayList<>();
        DataSource dataSource = InitialContext.doLookup("jdbc/riskbase");
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select id from risks where external_id is null and org_id = " + org + " limit 20")) {
            while (rs.next()) {
                keys.add("riskbase:" + org + ":" + rs.getLong(1));
            }
        }
        int before = persistenceContext.managedEntities();

        assertEquals(keys.size(), riskService.storedForImport(org, keys).size());
        assertEquals(before, persistenceContext.managedEntities(), "risks left managed by the validation read");

        // the probe sees what it guards against: the same read without a transaction of its own stays managed
        riskRepository.byImportKeys(org, keys, false);
        assertTrue(
                persistenceContext.managedEntities() >= before + keys.size(),
                "the probe did not see risks read outside a transaction");
    }

    @Test
    void migrationsRanOnTheContainerDataSource() throws Exception {
        assertTrue(migrator.isMigrated());
        assertTrue(single("select count(*) from connectors") >= 30, "catalogue seeded by the changelog");
    }

    @Test
    void cachedServiceLoadsOnceThenAnswersFromL1() throws Exception {
        long demoOrg = single("select id from organizations where slug = '" + DemoDataSeeder.DEMO_SLUG + "'");
        cache.invalidateNamespace(IdentityCache.ORGANIZATION, demoOrg);
        long hits = metrics.count("riskbase.cache.hits", "organization", "l1");
        OrganizationView first = organizations.get(demoOrg);
        OrganizationView second = organizations.get(demoOrg);
        assertEquals(first, second);
        assertNotSame(first, second, "an L1 hit is a deserialized copy, never a shared mutable object");
        assertEquals(hits + 1, metrics.count("riskbase.cache.hits", "organization", "l1"));
    }

    @Test
    void unknownTenantIsA404ThatIsCachedNegatively() {
        assertThrows(ApiException.class, () -> organizations.get(987_654_321L));
        long loads = metrics.count("riskbase.cache.loads", "organization");
        assertThrows(ApiException.class, () -> organizations.get(987_654_321L));
        assertEquals(loads, metrics.count("riskbase.cache.loads", "organization"));
    }

    @Test
    void passwordHasherIsConfiguredFromMicroProfileConfig() {
        String hash = hasher.hash("in-container".toCharArray());
        assertTrue(hash.startsWith("pbkdf2-sha512$210000$"), hash);
    }

    @Test
    void aFullBulkheadAnswers503ProblemWithRetryAfter() throws Exception {
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<String> holder = other.submit(bulkhead::expensive);
            assertTrue(bulkhead.awaitEntered());
            var refused = assertThrows(
                    org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException.class, bulkhead::expensive);
            jakarta.ws.rs.core.Response response =
                    new io.riskbase.platform.errors.FaultToleranceExceptionMapper().toResponse(refused);
            assertEquals(503, response.getStatus());
            assertEquals("1", response.getHeaderString("Retry-After"));
            assertEquals("application/problem+json", response.getMediaType().toString());
            assertEquals(503, ((io.riskbase.platform.errors.Problem) response.getEntity()).status());
            // the same refusal wrapped by another layer still maps to 503
            assertEquals(
                    503,
                    new io.riskbase.platform.errors.UnhandledExceptionMapper()
                            .toResponse(new IllegalStateException(refused))
                            .getStatus());
            bulkhead.release();
            assertEquals("done", holder.get(30, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            bulkhead.release();
            other.shutdownNow();
        }
    }
}
