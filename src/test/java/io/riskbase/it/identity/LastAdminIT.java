package io.riskbase.it.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskbase.it.support.Api;
import io.riskbase.it.support.ApiResponse;
import io.riskbase.it.support.RiskbaseEnvironment;
import io.riskbase.it.support.Tenants;
import io.riskbase.it.support.Tenants.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The last two active ADMINs of an organization each take the other's ADMIN away (demote, disable or delete) at the
 * same moment, on PostgreSQL: one change must win and the other be refused with 409, never both. Repeated, since a race
 * shows only some of the time.
 */
class LastAdminIT {

    private static final Logger LOG = Logger.getLogger(LastAdminIT.class.getName());
    private static final int ROUNDS = 12;

    private final RiskbaseEnvironment env = RiskbaseEnvironment.get();
    private final Api api = env.api();

    @Test
    void twoConcurrentDemotionsNeverLeaveAnOrganizationWithoutAnActiveAdmin() throws Exception {
        List<Function<Long, String[]>> changes = List.of(
                id -> new String[] {"PATCH", "/api/v1/users/" + id, "{\"role\":\"ANALYST\"}"},
                id -> new String[] {"PATCH", "/api/v1/users/" + id, "{\"status\":\"DISABLED\"}"},
                id -> new String[] {"DELETE", "/api/v1/users/" + id, null});
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> failures = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Session first = Tenants.signup(api, "last-admin-" + round);
                Session second = Tenants.addUser(first, "ADMIN");
                Function<Long, String[]> change = changes.get(round % changes.size());
                CyclicBarrier start = new CyclicBarrier(2);
                Future<ApiResponse> a = pool.submit(() -> fire(start, first, change.apply(second.userId())));
                Future<ApiResponse> b = pool.submit(() -> fire(start, second, change.apply(first.userId())));
                List<ApiResponse> answers = List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
                long won = answers.stream()
                        .filter(r -> r.status() >= 200 && r.status() < 300)
                        .count();
                long admins = activeAdmins(first.orgId());
                String what = "round " + round + " " + change.apply(0L)[0] + " " + change.apply(0L)[2] + ": "
                        + answers.stream().map(r -> r.status() + " " + r.body()).toList() + ", active admins "
                        + admins;
                LOG.info(what);
                if (won != 1 || admins != 1) {
                    failures.add(what);
                } else {
                    // the loser was refused: 409 once it counted the admins, or 401 when the winner's change had
                    // already ended its session (a demoted, disabled or deleted user's tokens are revoked)
                    ApiResponse lost = answers.stream()
                            .filter(r -> r.status() >= 300)
                            .findFirst()
                            .orElseThrow();
                    if (lost.status() == 409) {
                        lost.expectProblem(409, "at least one active ADMIN");
                    } else {
                        lost.expectProblem(401, null);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void theLastAdminStillCannotBeDemoted() {
        Session admin = Tenants.signup(api, "last-admin-alone");
        admin.api()
                .patch("/api/v1/users/" + admin.userId(), Map.of("role", "VIEWER"))
                .expectProblem(409, "at least one active ADMIN");
        assertEquals(1, activeAdmins(admin.orgId()));
    }

    private static ApiResponse fire(CyclicBarrier start, Session as, String[] request) throws Exception {
        start.await(30, TimeUnit.SECONDS);
        return as.api().send(request[0], request[1], request[2], request[2] == null ? null : "application/json");
    }

    private long activeAdmins(long orgId) {
        try (Connection c = env.postgres().dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select count(*) from users" + " where org_id = ? and role = 'ADMIN' and status = 'ACTIVE'")) {
            s.setLong(1, orgId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
