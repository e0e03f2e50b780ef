package io.riskbase.platform.errors;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds problem+json responses; the single place that decides their shape. */
public final class Problems {

    private Problems() {}

    public static Response response(int status, String detail) {
        return response(status, detail, List.of());
    }

    public static Response response(int status, String detail, List<Problem.FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(of(status, detail, errors))
                .build();
    }

    public static Problem of(int status, String detail, List<Problem.FieldError> errors) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : titleFor(status);
        return new Problem(
                "about:blank", title, status, detail, null, errors == null || errors.isEmpty() ? null : errors);
    }

    private static String titleFor(int status) {
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> "Error";
        };
    }

    /** The {@link ApiException} somewhere in a cause chain, e.g. thrown while a body was being read. */
    public static ApiException apiCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }
}
