package io.riskbase.platform.errors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;

/** Bean Validation failures: 400 naming every offending field or parameter. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.isEmpty()
                ? "Validation failed"
                : "Validation failed: "
                        + String.join(
                                "; ",
                                errors.stream()
                                        .map(f -> f.field() + " " + f.message())
                                        .toList());
        return Problems.response(400, detail, errors);
    }

    /** The last node of the path: the JSON field or query parameter name, not the Java method. */
    private static String fieldName(ConstraintViolation<?> v) {
        String name = null;
        for (Path.Node node : v.getPropertyPath()) {
            // container elements (list items, map keys) report as the property that holds them
            if (node.getName() != null
                    && node.getKind() != jakarta.validation.ElementKind.METHOD
                    && node.getKind() != jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                name = node.getName();
            }
        }
        // JSON field names are snake_case; report the name the client sent
        return name == null
                ? "body"
                : name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
