package io.riskbase.marketplace;

import io.riskbase.platform.errors.ApiException;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON shapes of the marketplace: immutable, so a cache may hold them. */
public final class MarketplaceViews {

    private MarketplaceViews() {}

    @Schema(name = "Connector")
    @JsonbPropertyOrder({"id", "slug", "name", "category", "status", "vendor", "version", "description"})
    public record ConnectorView(
            long id,
            String slug,
            String name,
            String category,

            @Schema(enumeration = {"AVAILABLE", "BETA", "DEPRECATED"})
            String status,

            String vendor,
            String version,
            String description) {
        static ConnectorView of(Connector c) {
            return new ConnectorView(
                    c.getId(),
                    c.getSlug(),
                    c.getName(),
                    c.getCategory(),
                    c.getStatus(),
                    c.getVendor(),
                    c.getVersion(),
                    c.getDescription());
        }
    }

    @Schema(name = "ConnectorDetail", description = "A connector with the apps it offers")
    @JsonbPropertyOrder({"connector", "apps"})
    public record ConnectorDetailView(ConnectorView connector, List<AppView> apps) {}

    @Schema(name = "App")
    @JsonbPropertyOrder({"id", "connectorId", "name", "metadata"})
    public record AppView(
            long id,
            @JsonbProperty("connector_id") long connectorId,
            String name,

            @Schema(type = SchemaType.OBJECT, description = "what the app does (kind, schedule, events...)")
            JsonObject metadata) {}

    @Schema(name = "Installation")
    @JsonbPropertyOrder({"connectorId", "connectorSlug", "status", "config", "installedBy", "installedAt"})
    public record InstallationView(
            @JsonbProperty("connector_id") long connectorId,
            @JsonbProperty("connector_slug") String connectorSlug,
            @Schema(enumeration = {"ACTIVE"}) String status,

            @Schema(type = SchemaType.OBJECT, description = "string settings given at installation")
            Map<String, String> config,

            @JsonbProperty("installed_by") Long installedBy,
            @JsonbProperty("installed_at") OffsetDateTime installedAt) {}

    @Schema(
            name = "InstallationRequest",
            description = "Optional body of an installation: connector settings as string pairs")
    public record InstallationRequest(
            @Schema(
                    description = "at most 20 entries; keys 1-64 of [A-Za-z0-9_.-], values at most 500 characters;"
                            + " at most 4000 characters in all, written as JSON")
            @Size(max = 20)
            Map<
                            @Pattern(
                                    regexp = "^[A-Za-z0-9_.-]{1,64}$",
                                    message = "keys must be 1-64 of A-Z a-z 0-9 _ . -")
                            String,
                            @NotNull @Size(max = 500) String>
                    config) {

        private static final Jsonb JSONB = JsonbBuilder.create();

        /** The body is optional: none (or blank) means no configuration; otherwise it is read and validated as JSON. */
        public static InstallationRequest parse(String body, Validator validator) {
            if (body == null || body.isBlank()) {
                return new InstallationRequest(null);
            }
            // JSON-B alone can loop forever on some malformed bodies (see WellFormedJsonInterceptor)
            io.riskbase.platform.web.WellFormedJsonInterceptor.requireWellFormed(
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            InstallationRequest request;
            try {
                request = JSONB.fromJson(body, InstallationRequest.class);
            } catch (JsonbException e) {
                throw ApiException.badRequest(
                        "The request body is not a valid installation request: " + e.getMessage());
            }
            if (request == null) {
                return new InstallationRequest(null);
            }
            Set<ConstraintViolation<InstallationRequest>> violations = validator.validate(request);
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
            return request;
        }
    }
}
