package io.riskbase.platform.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException e) {
        Response.ResponseBuilder builder =
                Response.fromResponse(Problems.response(e.status(), e.getMessage(), e.errors()));
        e.headers().forEach(builder::header);
        return builder.build();
    }
}
