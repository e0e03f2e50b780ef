package io.riskbase.it.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.LibertyNode;
import io.riskbase.it.support.Poll;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import jakarta.json.JsonObject;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A node killed with SIGKILL in the middle of an import (some batches committed, the job RUNNING) leaves nothing
 * half-done: after the restart the node's reaper marks the orphaned job FAILED with a reason that says to re-run, and a
 * re-run of the same file on PostgreSQL ends with every row present exactly once (by external id), each with exactly
 * one history entry and one event. The batches the killed run committed are the re-run's unchanged rows.
 */
class ImportKillNineIT {

    private static final Logger LOG = Logger.getLogger(ImportKillNineIT.class.getName());
    private static final int ROWS = 40_000;

    @Test
    void aNodeKilledMidImportLeavesARunThatResumesWithoutDuplicatesOrLosses() throws Exception {
        RiskbaseEnvironment env = RiskbaseEnvironment.get();
        Session admin = Tenants.signup(env.api(), "import-kill");
        LibertyNode node = CrashNode.get();
        Api onNode = admin.on(node);
        String csv = file();
        long killedJob = start(onNode, csv);
        JsonObject seen = Poll.until(
                "the import reports some rows done",
                Duration.ofMinutes(2),
                Poll.PAUSE,
                () -> onNode.get("/api/v1/jobs/" + killedJob).expect(200).json(),
                j -> j.getInt("rows_done") > 0 || !j.getString("state").matches("QUEUED|VALIDATING|RUNNING"));
        assertEquals("RUNNING", seen.getString("state"), "the import ended before the kill: " + seen);
        CrashNode.kill(node);
        long committed = count(env, "select count(*) from risks where org_id = ?", admin.orgId());
        LOG.info("kill -9 with " + seen.getInt("rows_done") + " rows reported done; " + committed + " of " + ROWS
                + " rows committed");
        assertTrue(committed > 0 && committed < ROWS, committed + " rows committed at the kill");

        long restartMillis = node.start();
        LOG.info("restarted in " + restartMillis + " ms");
        JsonObject failed = Poll.until(
                "the reaper fails the killed node's job",
                Duration.ofMinutes(1),
                Poll.PAUSE,
                () -> get(onNode, "/api/v1/jobs/" + killedJob),
                j -> j != null && !j.getString("state").equals("RUNNING"));
        assertEquals("FAILED", failed.getString("state"), failed.toString());
        assertTrue(failed.toString().contains("re-run"), failed.toString());

        JsonObject rerun = finish(onNode, start(onNode, csv));
        assertEquals("SUCCEEDED", rerun.getString("state"), rerun.toString());
        assertEquals(ROWS, rerun.getInt("rows_done"), rerun.toString());
        assertEquals(committed, rerun.getInt("rows_unchanged"), "the killed run's batches are unchanged");
        assertEquals(ROWS - committed, rerun.getInt("rows_created"), rerun.toString());
        assertEquals(0, rerun.getInt("rows_updated"), rerun.toString());

        long orgId = admin.orgId();
        assertEquals(ROWS, count(env, "select count(*) from risks where org_id = ?", orgId));
        assertEquals(
                ROWS,
                count(env, "select count(distinct external_id) from risks where org_id = ?", orgId),
                "one risk per external id");
        assertEquals(
                0, count(env, "select count(*) from risks where org_id = ? and external_id not like 'kill-%'", orgId));
        assertEquals(ROWS, count(env, "select count(*) from risk_history where org_id = ?", orgId));
        assertEquals(
                ROWS,
                count(env, "select count(*) from events where org_id = ? and type = 'risk.created'", orgId),
                "one event per created risk");
        JsonObject verdict =
                admin.on(node).get("/api/v1/audit-log/verify").expect(200).json();
        assertTrue(verdict.getBoolean("valid"), verdict.toString());
    }

    private static String file() {
        StringBuilder csv = new StringBuilder("external_id,title,description,category,likelihood,impact,tags\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append("kill-")
                    .append(i)
                    .append(",Imported risk ")
                    .append(i)
                    .append(",\"A description, with a comma\",security,")
                    .append(1 + i % 5)
                    .append(',')
                    .append(1 + (i / 5) % 5)
                    .append(",kill;batch-")
                    .append(i % 7)
                    .append('\n');
        }
        return csv.toString();
    }

    private static long start(Api api, String csv) {
        ApiResponse started =
                api.send("POST", "/api/v1/risks/import", csv, "text/csv").expect(202);
        return started.json().getJsonNumber("job_id").longValue();
    }

    private static JsonObject finish(Api api, long job) {
        return Poll.until(
                "import job " + job,
                Duration.ofMinutes(3),
                Poll.PAUSE,
                () -> get(api, "/api/v1/jobs/" + job),
                j -> j != null && j.getString("state").matches("SUCCEEDED|FAILED"));
    }

    /** Null while a pooled connection to the killed JVM is still handed out once. */
    private static JsonObject get(Api api, String path) {
        try {
            return api.get(path).expect(200).json();
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    private static long count(RiskbaseEnvironment env, String sql, long orgId) throws SQLException {
        try (Connection c = env.postgres().dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, orgId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
