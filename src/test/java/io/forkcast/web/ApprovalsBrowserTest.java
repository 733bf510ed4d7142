package io.forkcast.web;

import io.forkcast.posts.PostingFixtures;
import io.forkcast.support.ApiClient;
import io.forkcast.support.Chromium;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approvals in a real headless Chromium: an editor composes ("Submit for approval"), comments and makes a share
 * link; the owner finds the post on the home page and in the queue and approves it; the pages fit a phone and
 * axe-core finds no serious or critical violation on them, nor on the public share page.
 */
class ApprovalsBrowserTest extends EmbeddedApiTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private Chromium chromium;
    private ChromeDriver browser;
    private PageChecks pages;

    @BeforeEach
    void startBrowser() {
        chromium = new Chromium();
        browser = chromium.driver();
        pages = new PageChecks(chromium);
    }

    @AfterEach
    void stopBrowser() {
        chromium.close();
    }

    @Test
    void anEditorSubmitsAPost_theOwnerFindsItInTheQueueAndApprovesIt() throws Exception {
        String ownerEmail = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ApiClient.Response created = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", "Approval Bistro", "email", ownerEmail, "plan", "pro", "timezone", "Europe/Paris"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String tenant = created.text("id");
        String ownerInvite = created.text("owner_invite_url");
        String key = api().createKey(tenant, "read", "write", "admin");
        Map<String, String> accounts = PostingFixtures.connect(api(), tenant, key);
        String asset = PostingFixtures.upload(port, tenant, key);
        assertThat(api().put("/api/v1/tenants/" + tenant + "/approval-settings", key,
                Map.of("editors_need_approval", true)).status()).isEqualTo(200);
        String editorEmail = "editor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ApiClient.Response editor = api().post("/api/v1/tenants/" + tenant + "/users", key,
                Map.of("email", editorEmail, "full_name", "Sam Editor", "role", "editor"));
        assertThat(editor.status()).as(editor.raw().body()).isEqualTo(201);
        String editorInvite = api().post("/api/v1/tenants/" + tenant + "/users/" + editor.text("id")
                + "/invitation", key, null).text("invite_url");

        // The editor writes the post: the button says it goes for approval, and it waits.
        acceptInvitation(editorInvite);
        browser.get(url("/app/compose"));
        assertThat(browser.findElement(By.id("publish")).getText()).isEqualTo("Submit for approval");
        browser.findElement(By.cssSelector("label[for='acc-" + accounts.get(PostingFixtures.PAGE) + "']")).click();
        browser.findElement(By.cssSelector("label[for='img-" + asset + "']")).click();
        browser.findElement(By.id("caption")).sendKeys("Sunday roast, from noon");
        browser.findElement(By.id("when-later")).click();
        js().executeScript("document.getElementById('local_time').value = arguments[0];",
                LocalDateTime.now(PARIS).plusDays(2).withHour(12).withMinute(0)
                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
        browser.findElement(By.id("publish")).click();
        wait(10).until(ExpectedConditions.urlContains("/app/calendar/posts/"));
        String post = browser.getCurrentUrl().substring(url("").length());
        assertThat(browser.findElement(By.id("post-status")).getText()).isEqualTo("pending_approval");
        browser.findElement(By.id("comment_body")).sendKeys("Is the roast photo fine?");
        browser.findElement(By.cssSelector("#comment_body ~ button[type=submit]")).click();
        wait(10).until(d -> d.findElement(By.id("comments")).getText().contains("Is the roast photo fine?"));
        browser.findElement(By.id("label")).sendKeys("Chef Ana");
        browser.findElement(By.id("share-button")).click();
        String shared = wait(10).until(ExpectedConditions.presenceOfElementLocated(By.id("shared-url")))
                .getAttribute("value");
        assertThat(shared).contains("/share/");
        checkCurrent("a01-post-pending-editor");
        assertThat(browser.findElements(By.id("approve-button"))).isEmpty();

        // The public page, without any session.
        browser.manage().deleteAllCookies();
        check("a02-share-page", shared.substring(shared.indexOf("/share/")));
        assertThat(browser.findElement(By.id("share-approve")).isDisplayed()).isTrue();

        // The owner: told on the home page, finds it in the queue, approves it.
        acceptInvitation(ownerInvite);
        assertThat(browser.findElement(By.cssSelector("#waiting li[data-kind=approval]")).getText())
                .contains("Waits for your approval").contains("Sunday roast");
        check("a03-approvals-queue", "/app/approvals");
        browser.findElement(By.cssSelector("#approval-queue a")).click();
        wait(10).until(ExpectedConditions.urlContains(post));
        check("a04-post-pending-owner", post);
        browser.findElement(By.id("approve-button")).click();
        wait(10).until(d -> d.findElement(By.id("post-status")).getText().equals("scheduled"));
        assertThat(browser.findElement(By.id("approval-history")).getText()).contains("Sam Editor")
                .contains("approved it");

        // A share link opened after the post's time passed (written for "now" by a key that needs approval): the
        // page says so and approves it to go out as soon as possible.
        String editorKey = api().createKey(tenant, "read", "write");
        ApiClient.Response late = api().post("/api/v1/tenants/" + tenant + "/posts", editorKey, Map.of(
                "targets", PostingFixtures.targets(accounts.get(PostingFixtures.PAGE)), "caption",
                "Last call for the roast", "asset_ids", java.util.List.of(asset), "publish_now", true));
        assertThat(late.status()).as(late.raw().body()).isEqualTo(201);
        String lateLink = api().post("/api/v1/tenants/" + tenant + "/posts/" + late.text("id") + "/share-links",
                editorKey, Map.of("label", "Chef Ana")).text("url");
        browser.manage().deleteAllCookies();
        check("a05-share-page-late", lateLink.substring(lateLink.indexOf("/share/")));
        assertThat(browser.findElement(By.id("share-late")).getText()).contains("that time has passed");
        browser.findElement(By.id("share-approve")).click();
        assertThat(wait(10).until(ExpectedConditions.presenceOfElementLocated(By.id("share-done"))).getText())
                .contains("goes out as soon as possible");
        checkCurrent("a06-share-page-approved-late");
        assertThat(pages.problems()).isEmpty();
        accounts.values().forEach(id -> api().delete("/api/v1/tenants/" + tenant + "/accounts/" + id, key));
    }

    private void acceptInvitation(String invite) {
        browser.manage().deleteAllCookies();
        browser.get(invite);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("password_again")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        wait(10).until(d -> d.getCurrentUrl().equals(url("/app")));
    }

    private void check(String name, String address) {
        pages.check(name, url(address));
    }

    private void checkCurrent(String name) {
        pages.checkCurrent(name);
    }

    private JavascriptExecutor js() {
        return browser;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private org.openqa.selenium.support.ui.WebDriverWait wait(int seconds) {
        return chromium.waiting(seconds);
    }
}
