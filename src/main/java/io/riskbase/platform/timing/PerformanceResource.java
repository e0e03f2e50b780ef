package io.riskbase.platform.timing;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.OperatorKey;
import io.riskbase.platform.security.Role;
import io.riskbase.platform.security.TokenClaims;
import io.riskbase.platform.web.QueryParams;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * This node's per-endpoint figures and recent slow requests. An operator (operator key) sees every slow request; a
 * tenant ADMIN sees the same endpoint figures but only their organization's slow requests. {@code @PermitAll} because
 * the operator has no token: the check is made here.
 */
@ApplicationScoped
@Path("/admin/performance")
@Tag(name = "admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class PerformanceResource {

    @Inject
    PerformanceRecorder recorder;

    @Inject
    OperatorKey operatorKey;

    @Inject
    @ConfigProperty(name = "riskbase.timing.slow-threshold-ms", defaultValue = "500")
    long slowThresholdMs;

    @GET
    @PermitAll
    @Operation(
            operationId = "getPerformance",
            summary = "Per-endpoint count, errors, p50/p95/p99 and the last slow requests of this node "
                    + "(ADMIN or operator)")
    @APIResponse(responseCode = "200", description = "Figures since the node started")
    @APIResponse(responseCode = "401", description = "Neither a token nor a valid operator key")
    @APIResponse(responseCode = "403", description = "Token of a non-ADMIN user")
    public PerformanceReport get(
            @HeaderParam(OperatorKey.HEADER) String operator,
            @QueryParam("slow") String slow,
            @Context SecurityContext security) {
        Integer requested = QueryParams.optionalInt("slow", slow, 0, recorder.slowKept());
        int limit = requested == null ? Math.min(20, recorder.slowKept()) : requested;
        if (operatorKey.accepts(operator)) {
            return recorder.report(null, limit, slowThresholdMs);
        }
        TokenClaims claims = TokenClaims.of(security.getUserPrincipal())
                .filter(token -> token.orgId().isPresent())
                .orElseThrow(
                        () -> ApiException.unauthorized("A bearer token of an ADMIN or the operator key is required"));
        if (!claims.hasRole(Role.ADMIN)) {
            throw ApiException.forbidden("Only an " + Role.ADMIN_NAME + " or an operator may read performance figures");
        }
        return recorder.report(claims.requireOrgId(), limit, slowThresholdMs);
    }
}
