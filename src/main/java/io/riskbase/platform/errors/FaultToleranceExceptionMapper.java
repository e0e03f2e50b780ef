package io.riskbase.platform.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * A MicroProfile Fault Tolerance guard that refused or cut a call without a fallback is the server protecting itself:
 * 503 with Retry-After, never a 500. This is what makes a {@code @Bulkhead} on an expensive service method answer
 * "busy" at once instead of queueing (docs/operations.md).
 */
@Provider
public class FaultToleranceExceptionMapper implements ExceptionMapper<FaultToleranceException> {

    @Override
    public Response toResponse(FaultToleranceException e) {
        String detail;
        int retryAfter;
        if (e instanceof BulkheadException) {
            detail = "The server is busy with requests of this kind; retry shortly";
            retryAfter = 1;
        } else if (e instanceof CircuitBreakerOpenException) {
            detail = "A service this request needs is failing; retry shortly";
            retryAfter = 5;
        } else if (e instanceof TimeoutException) {
            detail = "The request took too long and was cut off; retry shortly";
            retryAfter = 1;
        } else {
            detail = "The request could not be served now; retry shortly";
            retryAfter = 2;
        }
        return Response.fromResponse(Problems.response(503, detail))
                .header("Retry-After", Integer.toString(retryAfter))
                .build();
    }
}
