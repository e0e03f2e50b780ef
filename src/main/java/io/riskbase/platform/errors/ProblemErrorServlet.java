package io.riskbase.platform.errors;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Error page for responses the container writes itself (unknown paths outside the REST application, the single sign-on
 * path refused by the OpenID Connect client), so that they too are problem+json.
 */
@WebServlet(urlPatterns = "/problem")
public class ProblemErrorServlet extends HttpServlet {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        String detail = switch (status) {
            case 401 -> "A valid bearer token is required (missing, malformed, expired or signed by an unknown key)";
            case 403 -> "Your role does not allow this operation";
            case 404 -> "No such resource";
            case 405 -> "Method not allowed on this resource";
            case 413 -> "The request body is too large";
            default -> "Request failed";
        };
        resp.setStatus(status);
        resp.setContentType(Problem.MEDIA_TYPE);
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (status == 401) {
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"riskbase\"");
        }
        resp.getWriter().write(JSONB.toJson(Problems.of(status, detail, List.of())));
    }
}
