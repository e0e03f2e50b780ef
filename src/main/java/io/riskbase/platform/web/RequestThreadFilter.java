package io.riskbase.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Marks the thread as serving a request ({@link RequestThread}) from the first filter to the response. */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestThreadFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestThread.enter();
        try {
            chain.doFilter(request, response);
        } finally {
            RequestThread.exit();
        }
    }
}
