package io.forkcast.web;

import io.forkcast.support.ApiClient;
import io.forkcast.support.Chromium;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String PAGE_NAME = "Facebook Page Trattoria Sandbox";

    private Chromium chromium;
    private ChromeDriver browser;

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
    void ownerConnectsUploadsGeneratesACaptionSchedulesAndSeesThePostPublished() throws Exception {
        Owner owner = newTenant("Chez Selenium");
        acceptInvitation(owner.inviteUrl(), "01-invitation");
        signOut();
        signIn(owner.email(), PASSWORD);
        waitForPath("/app");

        // Accounts: connect through the sandbox's consent page, back on the accounts page.
        browser.get(url("/app/accounts"));
        chromium.screenshot("02-accounts-empty");
        browser.findElement(By.id("connect-facebook")).click();
        wait(10).until(ExpectedConditions.urlContains("/sandbox/"));
        chromium.screenshot("03-sandbox-consent");
        browser.findElement(By.cssSelector("button[value=approve]")).click();
        waitForPath("/app/accounts");
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).startsWith("Connected");
        assertThat(browser.findElement(By.id("accounts")).getText()).contains(PAGE_NAME).contains("Instagram @")
                .contains("active");
        chromium.screenshot("04-accounts-connected");
        // Google: its consent page, back on the accounts page with the listings beside the Page.
        assertThat(api().post("/sandbox/google/admin/reset", null, null).status()).isEqualTo(204);
        browser.findElement(By.id("connect-google")).click();
        wait(10).until(ExpectedConditions.urlContains("/sandbox/google/"));
        chromium.screenshot("04b-google-consent");
        browser.findElement(By.cssSelector("button[value=approve]")).click();
        waitForPath("/app/accounts");
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).startsWith("Connected 2 accounts");
        assertThat(browser.findElement(By.id("accounts")).getText()).contains("Google listing Trattoria Sandbox")
                .contains(PAGE_NAME);
        chromium.screenshot("04c-accounts-with-google");

        // Library: upload an image; its card joins the grid; its page shows the Instagram-ready version.
        browser.get(url("/app/library"));
        Path image = jpeg(1200, 900);
        browser.findElement(By.id("files")).sendKeys(image.toAbsolutePath().toString());
        WebElement card = wait(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#grid .asset-card")));
        String assetId = card.getAttribute("data-asset-id");
        assertThat(browser.findElement(By.id("uploads")).getText()).contains("uploaded");
        chromium.screenshot("05-library");
        browser.get(url("/app/library/assets/" + assetId));
        assertThat(naturalWidth("instagram-preview")).isPositive();
        assertThat(browser.findElement(By.id("main")).getText()).contains("Original 1200×900")
                .contains("Instagram-ready");
        chromium.screenshot("06-library-image");

        // Compose: the Page, the image, a generated caption (edited), scheduled a minute or so ahead in Paris.
        browser.get(url("/app/compose"));
        clickLabel(PAGE_NAME);
        browser.findElement(By.cssSelector("label[for='img-" + assetId + "']")).click();
        assertThat(browser.findElements(By.cssSelector("#picked li"))).hasSize(1);
        browser.findElement(By.cssSelector("#generator summary")).click();
        browser.findElement(By.id("item_name")).sendKeys("Truffle pizza");
        browser.findElement(By.id("generate-button")).click();
        List<WebElement> variants = wait(20).until(
                ExpectedConditions.numberOfElementsToBe(By.cssSelector("#variants .variant"), 3));
        assertThat(variants.getFirst().getText()).contains("characters");
        chromium.screenshot("07-compose-variants");
        String chosen = variants.getFirst().findElement(By.cssSelector(".variant-text")).getText();
        variants.getFirst().findElement(By.cssSelector(".use-variant")).click();
        WebElement caption = browser.findElement(By.id("caption"));
        assertThat(caption.getAttribute("value")).isEqualTo(chosen);
        caption.sendKeys(" #selenium");
        String counted = browser.findElement(By.cssSelector("[data-counter=instagram] .chars")).getText();
        assertThat(Integer.parseInt(counted)).isEqualTo(caption.getAttribute("value").codePointCount(0,
                caption.getAttribute("value").length()));
        LocalDateTime due = LocalDateTime.now(PARIS).plusSeconds(20).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        browser.findElement(By.id("when-later")).click();
        setValue("local_time", due.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
        chromium.screenshot("08-compose-ready");
        browser.findElement(By.id("publish")).click();
        wait(10).until(ExpectedConditions.urlContains("/app/calendar/posts/"));
        String postPath = path();
        assertThat(browser.findElement(By.id("post-status")).getText()).isEqualTo("scheduled");
        assertThat(browser.findElement(By.id("main")).getText())
                .contains(due.format(DateTimeFormatter.ofPattern("HH:mm")));

        // Calendar: the post is on its day in the month view, and in the list.
        browser.get(url("/app/calendar?view=month&date=" + due.toLocalDate()));
        assertThat(browser.findElements(By.cssSelector("#calendar a.post[href='" + postPath + "']"))).hasSize(1);
        chromium.screenshot("09-calendar-month");
        browser.get(url("/app/calendar?view=week&date=" + due.toLocalDate()));
        assertThat(browser.findElements(By.cssSelector("#calendar a.post[href='" + postPath + "']"))).hasSize(1);
        chromium.screenshot("10-calendar-week");

        // A form posted without its CSRF token is refused, even in a signed-in session.
        assertThat(postWithoutCsrfToken("/app/calendar" + postPath.substring("/app/calendar".length()) + "/cancel"))
                .isEqualTo(403);

        // Settings, with users and keys.
        browser.get(url("/app/settings"));
        assertThat(browser.findElement(By.id("usage")).getText()).contains("pro").contains("Posts today")
                .contains("1 of 50");
        chromium.screenshot("11-settings");

        // The scheduler publishes it: the post's page says so.
        wait(150).pollingEvery(Duration.ofSeconds(2)).until(d -> {
            d.get(url(postPath));
            return d.findElement(By.id("post-status")).getText().equals("published");
        });
        browser.get(url(postPath));
        chromium.screenshot("12-post-published");
        browser.get(url("/app/calendar?view=list&status=published"));
        assertThat(browser.findElement(By.id("post-list")).getText()).contains(PAGE_NAME).contains("published");
        chromium.screenshot("13-calendar-list");

        // Insights: the post's and the account's charts drawn by uPlot.
        browser.get(url("/app/insights"));
        wait(10).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".chart-box .uplot"), 2));
        // Totals over the period, and the post in the list per post with its account.
        assertThat(browser.findElement(By.id("totals")).getText()).contains("Posts published");
        assertThat(browser.findElement(By.id("post-totals")).getText()).contains(PAGE_NAME);
        chromium.screenshot("14-insights");

        // On a phone-sized screen the month collapses into a list of days and nothing overflows sideways.
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.get(url("/app/calendar?view=month&date=" + due.toLocalDate()));
        assertThat((Boolean) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;")).isTrue();
        chromium.screenshot("16-calendar-phone");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));

        signOut();
        browser.get(url("/app/compose"));
        waitForPath("/app/sign-in");
    }

    @Test
    void anEditorReschedulesCancelsAndRetriesAFailedPostFromTheCalendar() throws Exception {
        Owner owner = newTenant("Calendar Cantina");
        acceptInvitation(owner.inviteUrl(), null);
        connectFacebook();
        String assetId = uploadImage();
        LocalDateTime tomorrowNoon = LocalDateTime.now(PARIS).plusDays(1).withHour(12).withMinute(0).withSecond(0).withNano(0);
        composeFor(assetId, "Reschedule me", tomorrowNoon);
        assertThat(browser.findElement(By.id("post-status")).getText()).isEqualTo("scheduled");

        LocalDateTime later = tomorrowNoon.plusDays(1).withHour(13).withMinute(30);
        setValue("local_time", later.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
        browser.findElement(By.xpath("//button[normalize-space()='Reschedule']")).click();
        wait(10).until(d -> d.findElement(By.id("main")).getText().contains("Rescheduled."));
        assertThat(browser.findElement(By.id("main")).getText()).contains("13:30");
        browser.findElement(By.xpath("//button[normalize-space()='Cancel this post']")).click();
        wait(10).until(d -> d.findElement(By.id("post-status")).getText().equals("cancelled"));

        // Facebook refuses the next photo once: the post fails with a reason the owner can read, and a retry works.
        assertThat(api().post("/sandbox/admin/faults", null, Map.of("operation", "page/photos", "code", 100,
                "message", "(#100) Invalid parameter")).status()).isEqualTo(201);
        composeFor(assetId, "Second chance", null);
        String failedPath = path();
        wait(30).pollingEvery(Duration.ofSeconds(1)).until(d -> {
            d.get(url(failedPath));
            return d.findElement(By.id("post-status")).getText().equals("failed");
        });
        browser.get(url("/app/calendar?view=list&status=failed"));
        WebElement row = browser.findElement(By.cssSelector("#post-list li"));
        assertThat(row.getText()).contains("Second chance").contains("failed");
        assertThat(row.findElement(By.cssSelector(".error")).getText()).isNotBlank();
        chromium.screenshot("17-calendar-failed");
        row.findElement(By.xpath(".//button[normalize-space()='Retry']")).click();
        wait(10).until(d -> d.findElement(By.id("main")).getText().contains("Trying again now."));
        wait(30).pollingEvery(Duration.ofSeconds(1)).until(d -> {
            d.get(url(failedPath));
            return d.findElement(By.id("post-status")).getText().equals("published");
        });
    }

    @Test
    void aViewerSeesButCannotPost() {
        Owner owner = newTenant("Viewer Bistro");
        acceptInvitation(owner.inviteUrl(), null);
        browser.get(url("/app/settings/users"));
        String viewerEmail = "viewer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        browser.findElement(By.id("u-email")).sendKeys(viewerEmail);
        selectByValue("u-role", "viewer");
        browser.findElement(By.id("invite-user")).click();
        String viewerInvite = browser.findElement(By.id("invitation-url")).getText();
        chromium.screenshot("15-settings-users");
        assertThat(browser.findElement(By.id("users")).getText()).contains(viewerEmail).contains("invited");
        signOut();

        acceptInvitation(viewerInvite, null);
        assertThat(browser.findElement(By.cssSelector("header")).getText()).contains("viewer")
                .doesNotContain("Compose");
        browser.get(url("/app/compose"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Forbidden");
        // With the session's own CSRF token, so only the role can refuse it.
        assertThat(postWithCsrfToken("/app/compose", "caption=hello&when=now")).isEqualTo(403);
        assertThat(postWithCsrfToken("/app/accounts/connect", "")).isEqualTo(403);
        assertThat(postWithCsrfToken("/app/accounts/connect-google", "")).isEqualTo(403);
        browser.get(url("/app/calendar"));
        assertThat(browser.findElements(By.linkText("New post"))).isEmpty();
    }

    @Test
    void oneTenantsUserNeverSeesAnothersDataByEditingAUrl() {
        Owner first = newTenant("First Trattoria");
        String key = api().createKey(first.tenantId(), "read", "write");
        String folder = api().post("/api/v1/tenants/" + first.tenantId() + "/folders", key,
                Map.of("name", "Desserts")).text("id");
        Owner second = newTenant("Second Trattoria");
        acceptInvitation(second.inviteUrl(), null);

        browser.get(url("/app/library?folder=" + folder));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        for (String path : List.of("/app/calendar/posts/" + UUID.randomUUID(), "/app/library/assets/" + UUID.randomUUID())) {
            browser.get(url(path));
            assertThat(browser.findElement(By.tagName("h1")).getText()).as(path).isEqualTo("Not found");
        }
        assertThat(postWithCsrfToken("/app/library/assets/" + UUID.randomUUID() + "/delete", "")).isEqualTo(404);
        browser.get(url("/app/library"));
        assertThat(browser.findElement(By.cssSelector(".tree")).getText()).doesNotContain("Desserts");
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

    private void connectFacebook() {
        browser.get(url("/app/accounts"));
        browser.findElement(By.id("connect-facebook")).click();
        wait(10).until(ExpectedConditions.urlContains("/sandbox/"));
        browser.findElement(By.cssSelector("button[value=approve]")).click();
        waitForPath("/app/accounts");
    }

    private String uploadImage() throws IOException {
        browser.get(url("/app/library"));
        browser.findElement(By.id("files")).sendKeys(jpeg(1080, 1080).toAbsolutePath().toString());
        return wait(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#grid .asset-card")))
                .getAttribute("data-asset-id");
    }

    /** Composes a post to the Facebook Page with one image: at {@code when} (Paris time), or now when null. */
    private void composeFor(String assetId, String text, LocalDateTime when) {
        browser.get(url("/app/compose"));
        clickLabel(PAGE_NAME);
        browser.findElement(By.cssSelector("label[for='img-" + assetId + "']")).click();
        browser.findElement(By.id("caption")).sendKeys(text);
        if (when == null) {
            browser.findElement(By.id("when-now")).click();
        } else {
            browser.findElement(By.id("when-later")).click();
            setValue("local_time", when.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
        }
        browser.findElement(By.id("publish")).click();
        wait(10).until(ExpectedConditions.urlContains("/app/calendar/posts/"));
    }

    private void acceptInvitation(String link, String screenshot) {
        browser.get(link);
        if (screenshot != null) {
            chromium.screenshot(screenshot);
        }
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("password_again")).sendKeys(PASSWORD);
        WebElement submit = browser.findElement(By.cssSelector("main button[type=submit]"));
        submit.click();
        // The invitation's own address is under /app too: wait for its page to be replaced, not for the path.
        wait(10).until(ExpectedConditions.stalenessOf(submit));
        waitForPath("/app");
    }

    private void signIn(String email, String password) {
        browser.get(url("/app/sign-in"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        chromium.screenshot("00-sign-in");
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
    }

    private void signOut() {
        browser.findElement(By.id("sign-out")).click();
        waitForPath("/app/sign-in");
    }

    /** Posts a form from the page, as a forged form would: the session cookie goes along, no CSRF token. */
    private long postWithoutCsrfToken(String path) {
        return post(path, "", false);
    }

    private long postWithCsrfToken(String path, String body) {
        return post(path, body, true);
    }

    private long post(String path, String body, boolean withToken) {
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = {'Content-Type': 'application/x-www-form-urlencoded'};
                if (arguments[2]) {
                    headers[document.querySelector('meta[name=csrf-header]').content] =
                        document.querySelector('meta[name=csrf-token]').content;
                }
                fetch(arguments[0], {method: 'POST', body: arguments[1], headers: headers, redirect: 'manual'})
                    .then(r => done(r.status), e => done(-1));
                """, path, body, withToken);
        return (Long) status;
    }

    private void clickLabel(String text) {
        browser.findElement(By.xpath("//label[normalize-space()='" + text + "']")).click();
    }

    private void selectByValue(String id, String value) {
        browser.findElement(By.cssSelector("#" + id + " option[value='" + value + "']")).click();
    }

    private void setValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1];",
                id, value);
    }

    private long naturalWidth(String id) {
        return (Long) wait(10).until(d -> ((JavascriptExecutor) d).executeScript(
                "const i = document.getElementById(arguments[0]); return i.complete && i.naturalWidth > 0 ? "
                        + "i.naturalWidth : null;", id));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private String path() {
        return browser.getCurrentUrl().substring(url("").length());
    }

    private void waitForPath(String path) {
        wait(10).until(d -> d.getCurrentUrl().startsWith(url(path)));
    }

    /** Waits across page loads: an element of the page being replaced is looked up again. */
    private WebDriverWait wait(int seconds) {
        return chromium.waiting(seconds);
    }

    private static Path jpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xC0392B));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color((int) (Math.random() * 0xFFFFFF)));
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        Path file = Files.createTempFile("forkcast-dish-", ".jpg");
        file.toFile().deleteOnExit();
        if (!ImageIO.write(image, "jpeg", file.toFile())) {
            throw new UncheckedIOException(new IOException("no JPEG writer"));
        }
        return file;
    }
}
