package io.forkcast.accounts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.Browser;

import java.net.URI;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps of connecting Google, as the tests take them: ask for the link, consent in the sandbox, come back. */
public final class GoogleConnectSteps {

    public static final String LOCATION = "locations/4200000000000000001";
    public static final String CATERING = "locations/4200000000000000002";
    public static final String ACCOUNT = "accounts/107000000000000000001";

    private final ApiClient api;
    private final Browser browser = new Browser();

    public GoogleConnectSteps(ApiClient api) {
        this.api = api;
    }

    Browser browser() {
        return browser;
    }

    /** Resets the Google sandbox (the Meta one is reset by the test base). */
    public void resetSandbox() {
        assertThat(api.post("/sandbox/google/admin/reset", null, null).status()).isEqualTo(204);
    }

    URI authorizationUrl(String tenantId, String key) {
        ApiClient.Response response = api.get("/api/v1/oauth/google/authorize?tenant_id=" + tenantId, key);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return URI.create(response.text("authorization_url"));
    }

    /** Consents (or cancels) on the sandbox's Google page and returns where Google sends the browser back. */
    URI consent(String tenantId, String key, String decision) {
        Browser.Page page = browser.open(authorizationUrl(tenantId, key));
        assertThat(page.status()).as(page.html()).isEqualTo(200);
        return browser.submitAndStop(page, decision, Set.of());
    }

    /**
     * A new tenant on the pro plan with a read-write key, the Google sandbox reset and the Google user's locations
     * connected to it; {@code location} is the account id of {@link #LOCATION}.
     */
    public record ConnectedTenant(String tenant, String key, String location) {
    }

    public ConnectedTenant newTenantWithGoogle() {
        resetSandbox();
        String tenant = api.createTenant("Trattoria " + System.nanoTime(), "pro");
        String key = api.createKey(tenant, "read", "write");
        return new ConnectedTenant(tenant, key, connectLocation(tenant, key));
    }

    /** Connects the Google user's locations to the tenant; answers the account id of {@link #LOCATION}. */
    public String connectLocation(String tenant, String key) {
        assertThat(connect(tenant, key).status()).isEqualTo(200);
        String location = null;
        for (tools.jackson.databind.JsonNode account : api.get("/api/v1/tenants/" + tenant + "/accounts", key).body()
                .path("items")) {
            if (account.path("platform_user_id").asString().equals(LOCATION)) {
                location = account.path("id").asString();
            }
        }
        assertThat(location).isNotNull();
        return location;
    }

    /** Connects the Google user's locations, answering the callback with JSON. */
    public ApiClient.Response connect(String tenantId, String key) {
        return api.get(ConnectSteps.pathOf(consent(tenantId, key, "approve")), null);
    }
}
