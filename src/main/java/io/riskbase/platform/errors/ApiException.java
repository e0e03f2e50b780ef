package io.riskbase.platform.errors;

import java.util.List;
import java.util.Map;

/**
 * A failure the client caused or must know about, carried to {@link ApiExceptionMapper} as problem+json. Services throw
 * it; resources never build error responses by hand.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, String> headers;
    private final List<Problem.FieldError> errors;

    public ApiException(int status, String detail) {
        this(status, detail, Map.of());
    }

    public ApiException(int status, String detail, Map<String, String> headers) {
        this(status, detail, headers, List.of());
    }

    private ApiException(int status, String detail, Map<String, String> headers, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.headers = headers;
        this.errors = List.copyOf(errors);
    }

    /** Field-level messages for the problem's {@code errors}, like a Bean Validation failure's. */
    public List<Problem.FieldError> errors() {
        return errors;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, detail);
    }

    /** A 400 for fields whose values a rule outside Bean Validation refused: one message per field. */
    public static ApiException invalidFields(List<Problem.FieldError> errors) {
        String detail = "Validation failed: "
                + String.join(
                        "; ",
                        errors.stream().map(e -> e.field() + " " + e.message()).toList());
        return new ApiException(400, detail, Map.of(), errors);
    }

    public static NotFoundException notFound(String what) {
        return new NotFoundException(what);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, detail, Map.of("WWW-Authenticate", "Bearer realm=\"riskbase\""));
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(412, detail);
    }

    public static ApiException unavailable(String detail, int retryAfterSeconds) {
        return new ApiException(503, detail, Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }
}
