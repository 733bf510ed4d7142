package io.forkcast.tenancy;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The list of bad input, one test each, and the rules that keep tenants apart. */
class IsolationAndBadInputTest extends EmbeddedApiTest {

    private ApiClient api;
    private String tenantA;
    private String keyA;
    private String tenantB;

    @BeforeEach
    void twoTenants() {
        api = api();
        tenantA = api.createTenant("Tenant A " + System.nanoTime(), "basic");
        keyA = api.createKey(tenantA, "read", "write", "admin");
        tenantB = api.createTenant("Tenant B " + System.nanoTime(), "basic");
    }

    @Test
    void keyOfTenantAOnTenantBsPathIsForbidden() {
        Response response = api.get("/api/v1/tenants/" + tenantB, keyA);

        assertProblem(response, 403);
        assertThat(response.text("detail")).contains("another tenant");
        assertThat(response.raw().body()).doesNotContain("Tenant B");
    }

    @Test
    void keyOfTenantACannotWriteUnderTenantB() {
        Response response = api.post("/api/v1/tenants/" + tenantB + "/users", keyA,
                Map.of("email", "intruder@example.com", "role", "owner"));

        assertProblem(response, 403);
        assertThat(api.get("/api/v1/tenants/" + tenantB + "/users", OPERATOR_TOKEN).body().get("items")).hasSize(1);
    }

    @Test
    void userOfTenantBUnderTenantAsPathIsNotFound() {
        String userOfB = api.get("/api/v1/tenants/" + tenantB + "/users", OPERATOR_TOKEN)
                .body().get("items").get(0).get("id").asString();

        assertProblem(api.get("/api/v1/tenants/" + tenantA + "/users/" + userOfB, keyA), 404);
        assertProblem(api.patch("/api/v1/tenants/" + tenantA + "/users/" + userOfB, keyA, Map.of("role", "viewer")), 404);
        assertProblem(api.delete("/api/v1/tenants/" + tenantA + "/users/" + userOfB, keyA), 404);
        assertThat(api.get("/api/v1/tenants/" + tenantB + "/users/" + userOfB, OPERATOR_TOKEN).text("role"))
                .isEqualTo("owner");
    }

    @Test
    void apiKeyOfTenantBUnderTenantAsPathIsNotFound() {
        api.createKey(tenantB);
        String keyOfB = api.get("/api/v1/tenants/" + tenantB + "/api-keys", OPERATOR_TOKEN)
                .body().get("items").get(0).get("id").asString();

        assertProblem(api.delete("/api/v1/tenants/" + tenantA + "/api-keys/" + keyOfB, keyA), 404);
        assertThat(api.get("/api/v1/tenants/" + tenantB + "/api-keys/" + keyOfB, OPERATOR_TOKEN).text("revoked_at"))
                .isNull();
    }

    @Test
    void noTenantCanListTenants() {
        Response response = api.get("/api/v1/tenants", keyA);

        assertProblem(response, 403);
        assertThat(response.raw().body()).doesNotContain(tenantB);
    }

    @Test
    void noTenantCanCreateTenants() {
        assertProblem(api.post("/api/v1/tenants", keyA, Map.of("name", "Sneaky", "email", "s@example.com")), 403);
    }

    @Test
    void missingKeyIsUnauthorizedWithAChallenge() {
        Response response = api.get("/api/v1/tenants/" + tenantA, null);

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"forkcast\"");
    }

    @Test
    void invalidKeyIsUnauthorizedWithInvalidTokenChallenge() {
        Response response = api.get("/api/v1/tenants/" + tenantA, "fk_thisIsNotAKeyAtAll0000000000000000000000");

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void nonBearerSchemeIsUnauthorized() {
        Response response = api.get("/api/v1/tenants/" + tenantA, "Basic dXNlcjpwYXNz");

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void unknownPlanIsRefusedWithTheKnownOnes() {
        Response response = createTenant(Map.of("name", "Gold Diner", "email", "g@example.com", "plan", "gold"));

        assertInvalidField(response, "plan");
        assertThat(response.body().get("errors").get(0).get("message").asString())
                .contains("basic", "pro", "enterprise");
    }

    @Test
    void invalidEmailIsRefused() {
        assertInvalidField(createTenant(Map.of("name", "Mail Diner", "email", "not-an-email")), "email");
    }

    @Test
    void emptyNameIsRefused() {
        assertInvalidField(createTenant(Map.of("name", "", "email", "e@example.com")), "name");
    }

    @Test
    void nameOf300CharactersIsRefused() {
        assertInvalidField(createTenant(Map.of("name", "n".repeat(300), "email", "e@example.com")), "name");
    }

    @Test
    void invalidTimezoneIsRefused() {
        assertInvalidField(createTenant(Map.of("name", "Mars Diner", "email", "m@example.com",
                "timezone", "Mars/Olympus_Mons")), "timezone");
    }

    @Test
    void unknownJsonFieldIsRejectedByName() {
        Response response = createTenant(Map.of("name", "Typo Diner", "email", "t@example.com", "timezon", "UTC"));

        assertInvalidField(response, "timezon");
        assertThat(response.text("detail")).contains("Unknown field 'timezon'");
    }

    @Test
    void fieldErrorsNameTheJsonFieldNotTheJavaOne() {
        Response response = api.post("/api/v1/tenants/" + tenantA + "/api-keys", OPERATOR_TOKEN,
                Map.of("name", "n".repeat(101)));
        Response user = api.post("/api/v1/tenants/" + tenantA + "/users", OPERATOR_TOKEN,
                Map.of("email", "long@example.com", "role", "viewer", "full_name", "f".repeat(201)));

        assertInvalidField(response, "name");
        assertInvalidField(user, "full_name");
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() {
        int before = tenantCount();
        Response response = api.send("POST", "/api/v1/tenants", OPERATOR_TOKEN,
                "name=Form+Diner&email=f@example.com", "application/x-www-form-urlencoded");

        assertProblem(response, 415);
        assertThat(tenantCount()).isEqualTo(before);
    }

    @Test
    void malformedJsonIsABadRequest() {
        int before = tenantCount();
        Response response = api.send("POST", "/api/v1/tenants", OPERATOR_TOKEN, "{\"name\": \"Broken", "application/json");

        assertProblem(response, 400);
        assertThat(response.text("detail")).contains("not valid JSON");
        assertThat(tenantCount()).isEqualTo(before);
    }

    @Test
    void wrongJsonTypeNamesTheField() {
        Response response = createTenant(Map.of("name", "Typed Diner", "email", "t@example.com",
                "tenant_metadata", "not an object"));

        assertInvalidField(response, "tenant_metadata");
    }

    @Test
    void nonUuidIdIsABadRequest() {
        Response response = api.get("/api/v1/tenants/not-a-uuid", OPERATOR_TOKEN);

        assertProblem(response, 400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("tenantId");
    }

    @Test
    void nonUuidIdWithATenantKeyIsABadRequestToo() {
        assertProblem(api.get("/api/v1/tenants/not-a-uuid/users", keyA), 400);
    }

    @Test
    void unknownTenantIsNotFoundForTheOperator() {
        assertProblem(api.get("/api/v1/tenants/01936f1e-0000-7000-8000-000000000000", OPERATOR_TOKEN), 404);
    }

    @Test
    void invalidCursorIsABadRequest() {
        assertProblem(api.get("/api/v1/tenants?cursor=!!!", OPERATOR_TOKEN), 400);
    }

    @Test
    void unknownRouteIsNotFound() {
        assertProblem(api.get("/api/v1/no-such-thing", OPERATOR_TOKEN), 404);
        assertProblem(api.get("/no-such-page", null), 404);
    }

    @Test
    void unsupportedMethodIsMethodNotAllowed() {
        assertProblem(api.send("PUT", "/api/v1/tenants", OPERATOR_TOKEN, "{}", "application/json"), 405);
    }

    private Response createTenant(Map<String, Object> body) {
        int before = tenantCount();
        Response response = api.post("/api/v1/tenants", OPERATOR_TOKEN, body);
        assertThat(tenantCount()).as("nothing written by a failed request").isEqualTo(before);
        return response;
    }

    private int tenantCount() {
        int count = 0;
        String cursor = null;
        do {
            Response page = api.get("/api/v1/tenants?limit=200" + (cursor == null ? "" : "&cursor=" + cursor),
                    OPERATOR_TOKEN);
            count += page.body().get("items").size();
            cursor = page.text("next_cursor");
        } while (cursor != null);
        return count;
    }

    private static void assertInvalidField(Response response, String field) {
        assertProblem(response, 400);
        assertThat(TenantApiTest.fields(response)).contains(field);
    }

    static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body().get("status_code").asInt()).isEqualTo(status);
        assertThat(response.text("detail")).isNotBlank();
        assertThat(response.text("request_id")).isNotBlank();
        assertThat(response.raw().body()).doesNotContain("Exception", "at io.", "SQL", OPERATOR_TOKEN);
    }
}
