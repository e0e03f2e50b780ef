package io.riskbase.platform.web;

import java.util.ArrayList;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes {@code /openapi} with what the platform does around every resource, so that resources describe only their
 * own answers:
 *
 * <ul>
 *   <li>the answers the platform gives: 429 (rate limits), 503 (database or bulkhead refusal), 401 on secured
 *       operations (token checks), 400 and 413 where a body is read (well-formedness, size limit);
 *   <li>an explicit empty security requirement on public operations;
 *   <li>for a JSON merge patch body ({@code application/merge-patch+json}) of a schema {@code X} with required fields,
 *       a schema {@code XPatch} with X's properties and none required: absent fields stay, so a generated client must
 *       be able to leave them out.
 * </ul>
 */
public class OpenApiContractFilter implements OASFilter {

    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String SCHEMAS = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths()
                .getPathItems()
                .values()
                .forEach(item -> item.getOperations().values().forEach(operation -> {
                    completeResponses(operation);
                    mergePatchSchema(operation, openAPI.getComponents());
                }));
    }

    private static void completeResponses(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean secured =
                operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (!secured) {
            operation.setSecurity(new ArrayList<>());
        } else {
            add(responses, "401", "Unauthorized");
        }
        if (operation.getRequestBody() != null) {
            add(responses, "400", "BadRequest");
            add(responses, "413", "PayloadTooLarge");
        }
        add(responses, "429", "TooManyRequests");
        add(responses, "503", "Unavailable");
    }

    private static void add(APIResponses responses, String code, String component) {
        Map<String, ?> present = responses.getAPIResponses();
        if (present == null || !present.containsKey(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().ref(component));
        }
    }

    private static void mergePatchSchema(Operation operation, Components components) {
        if (operation.getRequestBody() == null
                || operation.getRequestBody().getContent() == null
                || components == null
                || components.getSchemas() == null) {
            return;
        }
        MediaType patch = operation.getRequestBody().getContent().getMediaType(MERGE_PATCH);
        if (patch == null || patch.getSchema() == null || patch.getSchema().getRef() == null) {
            return;
        }
        String whole = patch.getSchema().getRef().substring(SCHEMAS.length());
        Schema schema = components.getSchemas().get(whole);
        if (schema == null
                || schema.getRequired() == null
                || schema.getRequired().isEmpty()) {
            return; // nothing required: the schema already lets a patch leave fields out
        }
        String name = whole + "Patch";
        if (!components.getSchemas().containsKey(name)) {
            components.addSchema(
                    name,
                    OASFactory.createSchema()
                            .type(schema.getType())
                            .description("A JSON merge patch (RFC 7396) of " + whole
                                    + ": absent fields stay as they are, null clears a field")
                            .properties(schema.getProperties()));
        }
        patch.setSchema(OASFactory.createSchema().ref(name));
    }
}
