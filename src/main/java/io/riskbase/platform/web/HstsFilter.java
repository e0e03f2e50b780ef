package io.riskbase.platform.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells browsers to use HTTPS only ({@code Strict-Transport-Security}) on responses sent over HTTPS — never over plain
 * HTTP, where the header is meaningless and would only mislead. Set before the chain runs so that errors and 304s carry
 * it too. {@code riskbase.tls.hsts-max-age-seconds=0} asks browsers to forget it.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HstsFilter extends HttpFilter {

    static final String HEADER = "Strict-Transport-Security";

    @Inject
    @ConfigProperty(name = "riskbase.tls.hsts-max-age-seconds", defaultValue = "31536000")
    long maxAgeSeconds;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.isSecure()) {
            response.setHeader(HEADER, "max-age=" + maxAgeSeconds + "; includeSubDomains");
        }
        chain.doFilter(request, response);
    }
}
