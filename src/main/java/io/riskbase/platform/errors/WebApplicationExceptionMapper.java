package io.riskbase.platform.errors;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns the JAX-RS runtime's own errors (unknown path, wrong method or media type, unreadable body) into problem+json
 * with a detail that says what was wrong.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        ApiException cause = Problems.apiCause(e);
        if (cause != null) {
            return new ApiExceptionMapper().toResponse(cause);
        }
        int status = e.getResponse().getStatus();
        if (status == 500 && isBodyProblem(e)) {
            // the runtime reports an unreadable body of an unusual media type as 500: it is the client's
            status = 400;
        }
        Response.ResponseBuilder builder = Response.fromResponse(Problems.response(status, detail(e, status)));
        if (e instanceof NotAllowedException) {
            builder.allow(e.getResponse().getAllowedMethods());
        }
        String wwwAuthenticate = e.getResponse().getHeaderString("WWW-Authenticate");
        if (wwwAuthenticate != null) {
            builder.header("WWW-Authenticate", wwwAuthenticate);
        }
        return builder.build();
    }

    private static String detail(WebApplicationException e, int status) {
        if (status == 400 && isBodyProblem(e)) {
            return "The request body is not valid JSON for this endpoint: " + rootMessage(e);
        }
        return switch (status) {
            case 401 -> "A valid bearer token is required";
            case 403 -> "Your role does not allow this operation";
            case 404 -> "No such resource";
            case 405 -> "Method not allowed on this resource";
            case 406 -> "This resource only produces application/json";
            case 415 -> "Unsupported content type: send application/json";
            default -> e.getMessage() != null ? e.getMessage() : "Request failed";
        };
    }

    private static boolean isBodyProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonbException
                    || t instanceof ProcessingException
                    || t instanceof jakarta.json.JsonException
                    || t instanceof java.io.CharConversionException) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
