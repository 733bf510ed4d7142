package io.forkcast.web;

import io.forkcast.support.ApiClient;
import io.forkcast.support.Chromium;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium, against the whole application on the embedded default (H2, the
 * Meta sandbox, the offline caption writer, the job scheduler). Screenshots of each main page go to
 * {@code target/screenshots/}.
 */
class DashboardBrowserTest extends EmbeddedApiTest {

    private static final String PASSWORD = "correct horse battery staple";

    private Chromium chromium;
    private WebDriver browser;

    @BeforeEach
    void startBrowser() {
        chromium = new Chromium();
        browser = chromium.driver();
    }

    @AfterEach
    void stopBrowser() {
        chromium.close();
    }

    @Test
    void ownerSetsAPasswordFromTheInvitationSignsInConnectsFacebookAndSignsOut() {
        Owner owner = newTenant("Chez Selenium");
        browser.get(owner.inviteUrl());
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(owner.email());
        chromium.screenshot("01-invitation");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("password_again")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        waitForPath("/app/calendar");
        signOut();
        signIn(owner.email(), PASSWORD);
        waitForPath("/app/calendar");

        browser.get(url("/app/accounts"));
        chromium.screenshot("02-accounts-empty");
        browser.findElement(By.id("connect-facebook")).click();
        // The sandbox's consent page, as Facebook's would be: keep the Pages ticked and continue.
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/sandbox/"));
        browser.findElement(By.cssSelector("button[value=approve]")).click();
        waitForPath("/app/accounts");
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).startsWith("Connected");
        assertThat(browser.findElement(By.id("accounts")).getText()).contains("Facebook Page").contains("Instagram @")
                .contains("active");
        chromium.screenshot("03-accounts-connected");

        signOut();
        browser.get(url("/app/accounts"));
        waitForPath("/app/sign-in");
    }

    // ---------------------------------------------------------------------------------------------------------

    record Owner(String tenantId, String email, String inviteUrl) {
    }

    private Owner newTenant(String name) {
        String email = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ApiClient.Response created = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", name, "email", email, "plan", "pro", "timezone", "Europe/Paris"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return new Owner(created.text("id"), email, created.text("owner_invite_url"));
    }

    private void signIn(String email, String password) {
        browser.get(url("/app/sign-in"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
    }

    private void signOut() {
        browser.findElement(By.id("sign-out")).click();
        waitForPath("/app/sign-in");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void waitForPath(String path) {
        wait(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().startsWith(url(path)));
    }

    private WebDriverWait wait(Duration timeout) {
        return new WebDriverWait(browser, timeout);
    }

    @SuppressWarnings("unused")
    private WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }
}
