package io.forkcast.accounts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.Browser;

import java.net.URI;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps of connecting, as the tests take them: ask for the link, consent in the sandbox, come back. */
final class ConnectSteps {

    static final String PAGE_WITH_INSTAGRAM = "200000000000001";
    static final String PAGE_WITHOUT_INSTAGRAM = "200000000000002";
    static final String INSTAGRAM = "17841400000000001";
    static final Set<String> BOTH_PAGES = Set.of(PAGE_WITH_INSTAGRAM, PAGE_WITHOUT_INSTAGRAM);

    private final ApiClient api;
    private final Browser browser = new Browser();

    ConnectSteps(ApiClient api) {
        this.api = api;
    }

    Browser browser() {
        return browser;
    }

    URI authorizationUrl(String tenantId, String key) {
        ApiClient.Response response = api.get("/api/v1/oauth/facebook/authorize?tenant_id=" + tenantId, key);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return URI.create(response.text("authorization_url"));
    }

    /** Consents in the sandbox and returns the callback address Facebook redirects the browser to. */
    URI consent(String tenantId, String key, String decision, Set<String> pages) {
        Browser.Page dialog = browser.open(authorizationUrl(tenantId, key));
        assertThat(dialog.status()).isEqualTo(200);
        return browser.submitAndStop(dialog, decision, pages);
    }

    /** The callback path and query, for the API client. */
    static String pathOf(URI callback) {
        return callback.getRawPath() + "?" + callback.getRawQuery();
    }

    /** Connects both Pages, answering the callback with JSON. */
    ApiClient.Response connect(String tenantId, String key) {
        return api.get(pathOf(consent(tenantId, key, "approve", BOTH_PAGES)), null);
    }
}
