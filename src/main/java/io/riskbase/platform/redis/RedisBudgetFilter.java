package io.riskbase.platform.redis;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Counts each request's Redis time against {@link RedisBudget}, from the first filter to the response. */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RedisBudgetFilter extends HttpFilter {

    @Inject
    RedisBudget budget;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        budget.begin();
        try {
            chain.doFilter(request, response);
        } finally {
            budget.end();
        }
    }
}
