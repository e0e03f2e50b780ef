package io.riskbase.platform.cache;

import io.riskbase.platform.errors.ApiException;
import io.riskbase.platform.security.Caller;
import io.riskbase.platform.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Cache figures of this node, and invalidation of one namespace of the caller's tenant (ADMIN). */
@ApplicationScoped
@Path("/admin/cache")
@Tag(name = "admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed(Role.ADMIN_NAME)
public class CacheAdminResource {

    @Inject
    CacheRuntime cache;

    @Inject
    NamespaceSettings settings;

    @Inject
    CacheMetrics metrics;

    @Inject
    Caller caller;

    @Inject
    @ConfigProperty(name = "riskbase.cache.admin.allow-global-invalidation", defaultValue = "false")
    boolean allowGlobalInvalidation;

    public record NamespaceView(
            String namespace,
            boolean global,
            @JsonbProperty("ttl_seconds") long ttlSeconds,
            @JsonbProperty("negative_ttl_seconds") long negativeTtlSeconds,
            @JsonbProperty("refresh_ahead") double refreshAhead,
            Map<String, Long> counts) {}

    public record CacheView(
            boolean enabled,
            @JsonbProperty("redis_configured") boolean redisConfigured,
            @JsonbProperty("redis_available") boolean redisAvailable,
            boolean coherent,
            @JsonbProperty("l1_entries") long l1Entries,
            List<NamespaceView> namespaces) {}

    public record InvalidateRequest(
            @NotBlank @Pattern(regexp = Namespace.NAME_PATTERN, message = "must be a namespace name")
            String namespace) {}

    @GET
    @Operation(
            operationId = "getCacheFigures",
            summary = "Per-namespace hit/miss/load/eviction counts of this node, L1 size and Redis state")
    @APIResponse(responseCode = "200", description = "This node's cache figures")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public CacheView figures() {
        Map<String, Map<String, Long>> counts = metrics.snapshot();
        List<NamespaceView> namespaces = new TreeMap<>(settings.all())
                .values().stream()
                        .map(p -> new NamespaceView(
                                p.name(),
                                p.global(),
                                p.ttlMillis() / 1000,
                                p.negativeTtlMillis() / 1000,
                                p.refreshAheadFraction(),
                                counts.getOrDefault(p.name(), new TreeMap<>())))
                        .toList();
        CacheRuntime.Status status = cache.status();
        return new CacheView(
                status.enabled(),
                status.redisConfigured(),
                status.redisAvailable(),
                status.coherent(),
                status.l1Entries(),
                namespaces);
    }

    // no body to negotiate: whatever a client accepts (a generated one asks for problem+json only)
    @Produces(MediaType.WILDCARD)
    @POST
    @Path("invalidate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "invalidateCacheNamespace",
            summary = "Invalidate one namespace of the caller's organization on every node")
    @APIResponse(responseCode = "204", description = "Invalidated")
    @APIResponse(responseCode = "403", description = "Global namespace and global invalidation not enabled")
    @APIResponse(responseCode = "404", description = "Unknown namespace")
    public Response invalidate(@NotNull @Valid InvalidateRequest request) {
        NamespacePolicy policy = settings.all().get(request.namespace());
        if (policy == null) {
            throw ApiException.notFound("Cache namespace '" + request.namespace() + "'");
        }
        if (policy.global()) {
            if (!allowGlobalInvalidation) {
                throw ApiException.forbidden(
                        "Namespace '" + request.namespace() + "' is shared by all organizations; set "
                                + "riskbase.cache.admin.allow-global-invalidation=true to allow this");
            }
            cache.invalidateNamespace(request.namespace(), null);
        } else {
            cache.invalidateNamespace(request.namespace(), caller.orgId());
        }
        return Response.noContent().build();
    }
}
