package flow;

import com.fasterxml.jackson.annotation.JsonInclude;
import gen.ApiClient;
import gen.ApiException;
import gen.ApiResponse;
import gen.api.IdentityApi;
import gen.api.RisksApi;
import gen.model.Login;
import gen.model.Risk;
import gen.model.RiskInput;
import gen.model.RiskInputPatch;
import gen.model.Signup;
import gen.model.SignupView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The whole flow of a client, written against the classes openapi-generator made from the live /openapi: compiled and
 * run by OpenApiContractIT. A field or operation missing from the contract is a compile error here.
 */
public final class ClientFlow implements Function<String, List<String>> {

    @Override
    public List<String> apply(String baseUrl) {
        List<String> steps = new ArrayList<>();
        try {
            ApiClient anonymous = new ApiClient();
            anonymous.updateBaseUri(baseUrl);
            String email = "generated-" + System.nanoTime() + "@client.example";
            SignupView created = new IdentityApi(anonymous)
                    .signup(new Signup()
                            .organizationName("Generated client " + System.nanoTime())
                            .email(email)
                            .password("generated-client-password")
                            .displayName("Generated"));
            steps.add("signup " + created.getUser().getRole());

            String token = new IdentityApi(anonymous)
                    .login(new Login().email(email).password("generated-client-password"))
                    .getAccessToken();
            steps.add("login " + token.length());

            ApiClient client = new ApiClient();
            client.updateBaseUri(baseUrl);
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
            // PATCH is a JSON merge patch: a field sent as null is removed, so leave unset fields out
            client.setObjectMapper(client.getObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL));
            RisksApi risks = new RisksApi(client);

            ApiResponse<Risk> risk = risks.createRiskWithHttpInfo(new RiskInput()
                    .title("Made by a generated client")
                    .category("technology")
                    .likelihood(3)
                    .impact(4));
            long id = risk.getData().getId();
            String etag = risk.getHeaders().get("etag").get(0);
            steps.add("create " + risk.getStatusCode() + " score " + risk.getData().getScore());

            List<Risk> page = risks.listRisks(null, null, null, null, null, null, null, "-score", null, null, 1, 20);
            steps.add("list " + page.stream().anyMatch(r -> r.getId() == id));

            Risk patched = risks.patchRisk(id, etag, new RiskInputPatch().title("Renamed by a generated client"));
            steps.add("patch " + patched.getTitle() + " v" + patched.getVersion());

            try {
                risks.patchRisk(id, etag, new RiskInputPatch().title("A stale write"));
                steps.add("stale patch accepted");
            } catch (ApiException stale) {
                steps.add("stale patch " + stale.getCode());
            }

            risks.deleteRisk(id, null, "\"" + patched.getVersion() + "\"");
            try {
                risks.getRisk(id);
                steps.add("deleted risk still found");
            } catch (ApiException gone) {
                steps.add("delete " + gone.getCode());
            }
        } catch (ApiException e) {
            throw new IllegalStateException(
                    "step after " + steps + " failed: " + e.getCode() + " " + e.getResponseBody(), e);
        } catch (Exception e) {
            throw new IllegalStateException("step after " + steps + " failed", e);
        }
        return steps;
    }
}
