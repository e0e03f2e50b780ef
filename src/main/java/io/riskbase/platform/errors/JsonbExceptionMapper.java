package io.riskbase.platform.errors;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that JSON-B cannot bind (malformed JSON, wrong types) is the client's mistake: 400. */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException e) {
        ApiException cause = Problems.apiCause(e);
        if (cause != null) {
            return new ApiExceptionMapper().toResponse(cause);
        }
        return Problems.response(
                400,
                "The request body is not valid JSON for this endpoint: "
                        + WebApplicationExceptionMapper.rootMessage(e));
    }
}
