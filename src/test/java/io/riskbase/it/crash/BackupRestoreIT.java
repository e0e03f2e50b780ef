package io.riskbase.it.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.TestRedis;
import io.riskbase.risk.generator.RiskDataGenerator;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Backup and restore as docs/operations.md prescribes it: pg_dump of a loaded database (generated tenants and risks,
 * history and settings written through the API), restore into a fresh PostgreSQL, start a node on it. Every table is
 * equal (row count and checksum per table), and values cached in Redis after the backup point are not served once the
 * documented step (Redis flushed while every node is stopped) is done. PostgreSQL here is Debian's 15: its pg_dump
 * matches its server (see {@link DebianPostgres}); the migrations run on it unchanged.
 */
class BackupRestoreIT {

    private static final Logger LOG = Logger.getLogger(BackupRestoreIT.class.getName());
    private static final int ORGS = 4;
    private static final int RISKS_PER_ORG = 1500;

    @Test
    void aRestoredDatabaseEqualsTheBackupAndNoValueCachedAfterTheBackupIsServed() throws Exception {
        String unavailable = DebianPostgres.unavailable();
        assumeTrue(unavailable == null, "backup/restore test skipped: " + unavailable);
        RiskbaseEnvironment env = RiskbaseEnvironment.get();
        TestRedis redis = new TestRedis();
        Path dump = Files.createTempFile(Path.of("/tmp"), "riskbase-", ".dump");
        LibertyNode node = null;
        try (DebianPostgres source = DebianPostgres.start("source")) {
            RiskDataGenerator.main(new String[] {
                "--url",
                source.jdbcUrl(),
                "--user",
                DebianPostgres.USER,
                "--password",
                DebianPostgres.PASSWORD,
                "--orgs",
                Integer.toString(ORGS),
                "--risks-per-org",
                Integer.toString(RISKS_PER_ORG),
                "--password-iterations",
                "5000",
                "--migrate"
            });
            node = startNode("it-restore-source", source, redis);
            List<String> slugs = source.psql(
                            "riskbase", "SELECT slug FROM organizations WHERE slug LIKE 'gen-%' ORDER BY id")
                    .lines()
                    .filter(l -> !l.isBlank())
                    .toList();
            assertEquals(ORGS, slugs.size());

            // history and settings written through the API in every tenant, then read so the caches hold them
            Map<String, Api> admins = new HashMap<>();
            long riskId = 0;
            for (String slug : slugs) {
                Api admin = login(node, slug);
                admins.put(slug, admin);
                for (JsonObject r :
                        admin.get("/api/v1/risks?size=10").expect(200).array().getValuesAs(JsonObject.class)) {
                    long id = r.getJsonNumber("id").longValue();
                    riskId = riskId == 0 ? id : riskId;
                    ApiResponse got = admin.get("/api/v1/risks/" + id).expect(200);
                    admin.withHeader("If-Match", got.header("ETag"))
                            .patch("/api/v1/risks/" + id, Map.of("title", "Before the backup " + id))
                            .expect(200);
                }
                admin.put("/api/v1/organization/settings", settings(9)).expect(200);
            }
            Api first = admins.get(slugs.get(0));
            ApiResponse atBackup = first.get("/api/v1/risks/" + riskId).expect(200);
            String titleAtBackup = atBackup.json().getString("title");
            long totalAtBackup = total(first);
            assertEquals(
                    9,
                    first.get("/api/v1/organization/settings")
                            .expect(200)
                            .json()
                            .getInt("risk_appetite"));

            String checksumsAtBackup = source.checksums();
            long t0 = System.nanoTime();
            source.dump(dump);
            LOG.info("pg_dump of " + ORGS * RISKS_PER_ORG + " risks: " + (System.nanoTime() - t0) / 1_000_000 + " ms, "
                    + Files.size(dump) + " bytes");

            // written after the backup point and read again, so Redis holds values the backup does not have
            first.withHeader("If-Match", atBackup.header("ETag"))
                    .patch("/api/v1/risks/" + riskId, Map.of("title", "Written after the backup"))
                    .expect(200);
            first.put("/api/v1/organization/settings", settings(20)).expect(200);
            first.post(
                            "/api/v1/risks",
                            Map.of(
                                    "title",
                                    "Created after the backup",
                                    "category",
                                    "security",
                                    "likelihood",
                                    2,
                                    "impact",
                                    3))
                    .expect(201);
            assertEquals(
                    "Written after the backup",
                    first.get("/api/v1/risks/" + riskId).expect(200).json().getString("title"));
            assertEquals(
                    20,
                    first.get("/api/v1/organization/settings")
                            .expect(200)
                            .json()
                            .getInt("risk_appetite"));
            assertEquals(totalAtBackup + 1, total(first));
            node.stop();
            node = null;

            try (DebianPostgres target = DebianPostgres.start("target")) {
                t0 = System.nanoTime();
                target.restore(dump);
                LOG.info("pg_restore: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                String restored = target.checksums();
                assertEquals(checksumsAtBackup, restored, "per-table row counts and checksums");
                assertTrue(restored.lines().count() > 20, restored);
                LOG.info("tables equal after the restore:\n" + restored);

                // Redis still holds the values written after the backup: the restore step flushes it (all nodes down)
                long keys = redisCount(redis, "DBSIZE");
                assertTrue(keys > 0, "Redis kept entries from before the restore");
                redisCommand(redis, "FLUSHALL");
                LOG.info("flushed " + keys + " Redis keys");

                node = startNode("it-restore-target", target, redis);
                Api admin = login(node, slugs.get(0));
                JsonObject risk =
                        admin.get("/api/v1/risks/" + riskId).expect(200).json();
                assertEquals(titleAtBackup, risk.getString("title"), "the backup's risk, not the cached later one");
                assertNotEquals("Written after the backup", risk.getString("title"));
                assertEquals(
                        9,
                        admin.get("/api/v1/organization/settings")
                                .expect(200)
                                .json()
                                .getInt("risk_appetite"));
                assertEquals(totalAtBackup, total(admin));
                // the restored database takes writes: the version is the backup's
                admin.withHeader("If-Match", atBackup.header("ETag"))
                        .patch("/api/v1/risks/" + riskId, Map.of("title", "Written after the restore"))
                        .expect(200);
            }
        } finally {
            if (node != null) {
                node.stop();
            }
            redis.stop();
            Files.deleteIfExists(dump);
        }
    }

    private static LibertyNode startNode(String name, DebianPostgres pg, TestRedis redis) {
        Map<String, String> environment =
                new HashMap<>(RiskbaseEnvironment.get().nodeEnvironment());
        environment.put("DB_URL", pg.jdbcUrl());
        environment.put("DB_USER", DebianPostgres.USER);
        environment.put("DB_PASSWORD", DebianPostgres.PASSWORD);
        environment.put("REDIS_URL", redis.url());
        environment.put("RISKBASE_RATELIMIT_ENABLED", "false");
        LibertyNode node = new LibertyNode(name, environment);
        try {
            node.start();
        } catch (RuntimeException e) {
            node.stop();
            throw e;
        }
        return node;
    }

    private static Api login(LibertyNode node, String slug) {
        Api api = new Api(node.baseUrl());
        String token = api.post(
                        "/api/v1/auth/login",
                        Map.of("email", "admin0@" + slug + ".example", "password", RiskDataGenerator.USER_PASSWORD))
                .expect(200)
                .json()
                .getString("access_token");
        return api.as(token);
    }

    private static long total(Api admin) {
        return Long.parseLong(admin.get("/api/v1/risks?size=1").expect(200).header("X-Total-Count"));
    }

    private static Map<String, Object> settings(int appetite) {
        return Map.of(
                "timezone",
                "Europe/Berlin",
                "risk_appetite",
                appetite,
                "review_interval_days",
                30,
                "categories",
                List.of("security", "operational", "vendor"),
                "notifications_enabled",
                false);
    }

    private static long redisCount(TestRedis redis, String command) throws IOException {
        String reply = redisCommand(redis, command);
        return Long.parseLong(reply.substring(1).trim());
    }

    /** One inline command over RESP; returns the first reply line. */
    private static String redisCommand(TestRedis redis, String command) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", redis.port())) {
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            String reply = line.toString().trim();
            assertTrue(!reply.startsWith("-"), command + ": " + reply);
            return reply;
        }
    }
}
