package io.riskbase.platform.errors;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last line: known infrastructure failures become 409/503, anything else a 500 whose detail carries an id to find the
 * logged stack trace (never the trace itself).
 */
@Provider
public class UnhandledExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnhandledExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        ApiException api = Problems.apiCause(e);
        if (api != null) {
            return new ApiExceptionMapper().toResponse(api);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException ft) {
                return new FaultToleranceExceptionMapper().toResponse(ft);
            }
            if (t instanceof OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return Problems.response(409, "The resource was changed by someone else; reload it and retry");
            }
            if (t instanceof SQLTransientConnectionException
                    || t instanceof PessimisticLockException
                    || t instanceof jakarta.persistence.QueryTimeoutException
                    || isPoolTimeout(t)) {
                return Response.fromResponse(
                                Problems.response(503, "The database is busy or unavailable; retry shortly"))
                        .header("Retry-After", "2")
                        .build();
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unhandled error, incident " + incident, e);
        return Problems.response(500, "Internal error; incident " + incident);
    }

    /**
     * The pool gave no connection in time, or the database cannot serve now: SQLState classes 08 (connection), 53
     * (insufficient resources), 57 (operator intervention: shutdown, starting up, statement timeout) and deadlock
     * 40P01. All are worth retrying, none is the client's fault.
     */
    private static boolean isPoolTimeout(Throwable t) {
        String name = t.getClass().getName();
        if (name.endsWith("ConnectionWaitTimeoutException") || name.contains("ResourceAllocationException")) {
            return true;
        }
        String state = t instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("53")
                        || state.startsWith("57")
                        || state.equals("40P01"));
    }
}
