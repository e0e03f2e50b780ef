package io.riskbase.platform.web;

import io.riskbase.platform.security.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Trivial endpoints: a client's connectivity and token check, and the reference the benchmarks compare real endpoints
 * with (the same JAX-RS, security and filter path, no work behind it).
 */
@ApplicationScoped
@Path("/ping")
@Tag(name = "platform")
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {

    public record Pong(String status) {}

    private static final Pong PONG = new Pong("ok");

    @GET
    @PermitAll
    @Operation(operationId = "ping", summary = "Answers without authentication")
    public Pong ping() {
        return PONG;
    }

    @GET
    @Path("auth")
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME, Role.APPROVER_NAME})
    @SecurityRequirement(name = "bearer")
    @Operation(
            operationId = "pingAuthenticated",
            summary = "Answers when the bearer token is valid and its session live")
    public Pong authenticated() {
        return PONG;
    }
}
