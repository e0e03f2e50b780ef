package io.riskbase.platform.errors;

import java.util.Map;

/**
 * A failure the client caused or must know about, carried to {@link ApiExceptionMapper} as problem+json. Services throw
 * it; resources never build error responses by hand.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, String> headers;

    public ApiException(int status, String detail) {
        this(status, detail, Map.of());
    }

    public ApiException(int status, String detail, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.headers = headers;
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
