package io.riskbase;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST application: everything under {@code /api/v1}, bearer tokens and API keys verified by its own filters. */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Riskbase",
                        version = "1.0",
                        description = "Multi-tenant risk register. Errors are application/problem+json (RFC 9457).",
                        contact = @Contact(name = "Riskbase maintainers", email = "maintainers@riskbase.local"),
                        license = @License(name = "Proprietary")))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class RiskbaseApplication extends Application {}
