package io.forkcast.web;

import io.forkcast.support.ApiClient;
import io.forkcast.support.Chromium;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every dashboard page, and the states that matter (compose's preview, refused forms, a post being moved on the
 * calendar, a refused move, the post's dialog), in a real headless Chromium, at a laptop's size and at a phone's
 * (390 × 844): on the phone no page is wider than the screen and no word of a table or of figures is broken across
 * lines ("Posts", not "Po" over "sts"), and axe-core (from the npm package, vendored under
 * {@code axe-core/} in the test resources) finds no serious or critical accessibility violation at either size.
 * The restaurant has the sandbox's Facebook Page and Google location from the start, so the Google sections are
 * checked too: the overdue review on home, the location's figures on Insights, the menu's state on Google on Settings, the reviews with their drafts. Screenshots of each page at
 * both sizes go to {@code target/screenshots/}.
 */
class DashboardPagesBrowserTest extends EmbeddedApiTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String PAGE_NAME = "Facebook Page Trattoria Sandbox";

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
    void everyPageFitsAPhoneAndHasNoSeriousAccessibilityViolation() throws IOException {
        String email = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ApiClient.Response created = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", "Phone First Pizzeria", "email", email, "plan", "pro", "timezone", "Europe/Paris"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String invite = created.text("owner_invite_url");
        check("p01-invitation", invite);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("password_again")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        wait(10).until(d -> d.getCurrentUrl().equals(url("/app")));

        // First run: the checklist and the empty states.
        assertThat(browser.findElement(By.id("checklist")).getText()).contains("0 of 5 steps done");
        check("p02-home-first-run", "/app");
        assertThat(browser.findElement(By.id("nothing-waiting")).getText()).contains("Nothing is waiting for you");
        check("p03-accounts-empty", "/app/accounts");
        check("p04-library-empty", "/app/library");
        check("p05-insights-empty", "/app/insights");
        // Reviews without Google: the way to connect it.
        check("p42-reviews-no-google", "/app/reviews");
        assertThat(browser.findElement(By.id("no-google")).getText()).contains("Connect Google");

        // Set up: the Facebook Page and the Google location, the listing's reviews (one left three days ago and
        // still unanswered), figures and menu synced; an image, a post published now and one scheduled for tomorrow.
        browser.get(url("/app/accounts"));
        browser.findElement(By.id("connect-facebook")).click();
        wait(10).until(ExpectedConditions.urlContains("/sandbox/"));
        browser.findElement(By.cssSelector("button[value=approve]")).click();
        wait(10).until(d -> d.getCurrentUrl().startsWith(url("/app/accounts")));
        connectGoogleListing(created.text("id"));
        browser.get(url("/app/library"));
        browser.findElement(By.id("files")).sendKeys(jpeg(1200, 900).toAbsolutePath().toString());
        String assetId = wait(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#grid .asset-card")))
                .getAttribute("data-asset-id");
        String publishedPost = compose(assetId, "Tonight: truffle pizza from the wood oven. #pizza", null);
        String scheduledPost = compose(assetId, "Sunday lunch on the terrace, book a table!",
                LocalDateTime.now(PARIS).plusDays(1).withHour(12).withMinute(30));
        wait(90).pollingEvery(Duration.ofSeconds(2)).until(d -> {
            d.get(url(publishedPost));
            return d.findElement(By.id("post-status")).getText().equals("published");
        });

        check("p06-home", "/app");
        assertThat(browser.findElement(By.id("overdue-reviews")).getText())
                .contains("Giulia Neri (3 stars) has waited more than two days for your reply.");

        // What waits for the owner, in one list, soonest first: a post held for its sold-out dish (tomorrow 09:00)
        // before one an editor's key wrote, waiting for approval (tomorrow 10:00).
        String tenant = created.text("id");
        String pageId = api().get("/api/v1/tenants/" + tenant + "/accounts", ApiClient.OPERATOR_TOKEN).body()
                .path("items").valueStream().filter(a -> a.path("platform").asString().equals("facebook"))
                .findFirst().orElseThrow().path("id").asString();
        assertThat(api().put("/api/v1/tenants/" + tenant + "/approval-settings", ApiClient.OPERATOR_TOKEN,
                Map.of("editors_need_approval", true)).status()).isEqualTo(200);
        String editorKey = api().createKey(tenant, "read", "write");
        String dish = api().post("/api/v1/tenants/" + tenant + "/menu-items", ApiClient.OPERATOR_TOKEN,
                Map.of("name", "Tiramisu")).text("id");
        LocalDateTime tomorrow = LocalDateTime.now(PARIS).plusDays(1).withSecond(0).withNano(0);
        ApiClient.Response held = api().post("/api/v1/tenants/" + tenant + "/posts", ApiClient.OPERATOR_TOKEN,
                Map.of("caption", "Tiramisu, made this morning", "asset_ids", List.of(assetId), "targets",
                        List.of(Map.of("account_id", pageId)), "menu_item_id", dish, "scheduled_for",
                        tomorrow.withHour(9).withMinute(0).atZone(PARIS).toInstant().toString()));
        assertThat(held.status()).as(held.raw().body()).isEqualTo(201);
        ApiClient.Response waiting = api().post("/api/v1/tenants/" + tenant + "/posts", editorKey,
                Map.of("caption", "Aperitivo hour on the terrace", "asset_ids", List.of(assetId), "targets",
                        List.of(Map.of("account_id", pageId)), "scheduled_for",
                        tomorrow.withHour(10).withMinute(0).atZone(PARIS).toInstant().toString()));
        assertThat(waiting.status()).as(waiting.raw().body()).isEqualTo(201);
        assertThat(api().put("/api/v1/tenants/" + tenant + "/menu-items/" + dish + "/availability",
                ApiClient.OPERATOR_TOKEN, Map.of("status", "sold_out")).status()).isEqualTo(200);
        wait(30).pollingEvery(Duration.ofSeconds(1)).until(d -> {
            d.get(url("/app"));
            return d.findElements(By.cssSelector("#waiting li")).size() == 2;
        });
        List<WebElement> rows = browser.findElements(By.cssSelector("#waiting li"));
        assertThat(rows.get(0).getAttribute("data-kind")).isEqualTo("held-for-dish");
        assertThat(rows.get(0).getText()).contains("Tiramisu").contains("sold out").contains("Resume at its next time");
        assertThat(rows.get(1).getAttribute("data-kind")).isEqualTo("approval");
        assertThat(rows.get(1).getText()).contains("Waits for your approval").contains("Aperitivo hour");
        assertThat(rows.get(1).findElement(By.cssSelector("a")).getAttribute("href"))
                .endsWith("/app/calendar/posts/" + waiting.text("id"));
        assertThat(browser.findElements(By.id("nothing-waiting"))).isEmpty();
        check("p06-home-waiting", "/app");
        // Out of the way of the pages that follow: the held post dropped, the waiting one approved.
        assertThat(api().delete("/api/v1/tenants/" + tenant + "/posts/" + held.text("id"), ApiClient.OPERATOR_TOKEN)
                .status()).isEqualTo(200);
        assertThat(api().post("/api/v1/tenants/" + tenant + "/posts/" + waiting.text("id") + "/approval/reject",
                ApiClient.OPERATOR_TOKEN, Map.of()).status()).isEqualTo(200);
        assertThat(api().put("/api/v1/tenants/" + tenant + "/approval-settings", ApiClient.OPERATOR_TOKEN,
                Map.of("editors_need_approval", false)).status()).isEqualTo(200);
        check("p07-accounts", "/app/accounts");
        // A file that is no image is refused: it looks failed (no full progress bar) and says why.
        browser.get(url("/app/library"));
        Path notAnImage = Files.createTempFile("forkcast-menu-", ".jpg");
        notAnImage.toFile().deleteOnExit();
        Files.writeString(notAnImage, "this is the menu as text, not a photo");
        browser.findElement(By.id("files")).sendKeys(notAnImage.toAbsolutePath().toString());
        String refused = wait(20).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#uploads li.failed .error"))).getText();
        assertThat(refused).startsWith("Not uploaded: ").hasSizeGreaterThan("Not uploaded: ".length() + 5);
        assertThat(browser.findElements(By.cssSelector("#uploads li.failed progress"))).isEmpty();
        checkCurrent("p08-library-refused-upload");
        check("p08-library", "/app/library");
        check("p09-library-image", "/app/library/assets/" + assetId);
        check("p10-compose", "/app/compose");
        check("p11-calendar-month", "/app/calendar?view=month");
        check("p12-calendar-week", "/app/calendar?view=week");
        check("p13-calendar-list", "/app/calendar?view=list");
        check("p14-post-scheduled", scheduledPost);
        check("p15-post-published", publishedPost);
        check("p16-insights", "/app/insights");
        assertThat(browser.findElement(By.id("google-listing")).getText()).contains("Views on Google Search");
        assertThat(browser.findElements(By.cssSelector("#account-totals tbody tr"))).hasSize(1);
        check("p17-settings", "/app/settings");
        assertThat(browser.findElement(By.id("google-menu")).getText()).contains("in sync");

        // Compose: the preview of the ticked account; then a refused form, back with the field marked.
        browser.get(url("/app/compose"));
        browser.findElement(By.xpath("//label[normalize-space()='" + PAGE_NAME + "']")).click();
        browser.findElement(By.cssSelector("label[for='img-" + assetId + "']")).click();
        browser.findElement(By.id("caption")).sendKeys("Pizza night: every Thursday from six. #pizza");
        wait(10).until(d -> d.findElements(By.cssSelector("#preview-body [data-preview=facebook] .np-text")).stream()
                .anyMatch(text -> text.getText().contains("Pizza night")));
        checkCurrent("p26-compose-preview");
        browser.findElement(By.id("when-later")).click();
        js().executeScript("document.getElementById('local_time').value = '';");
        browser.findElement(By.id("publish")).click();
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#compose .field-error")));
        assertThat(browser.findElement(By.id("caption")).getAttribute("value")).startsWith("Pizza night");
        assertThat(browser.findElements(By.cssSelector("input[name=account_ids]:checked"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector(".form-summary")).getText()).contains("This was not saved.");
        checkCurrent("p27-compose-refused");

        // With the post: the restaurant's place and a first comment, previewed under the Page's own picture; the
        // image without a description is marked; then published, the comment's state on the post page.
        assertThat(api().put("/api/v1/tenants/" + created.text("id") + "/profile/place", ApiClient.OPERATOR_TOKEN,
                Map.of("page", "https://www.facebook.com/profile.php?id=200000000000001")).status()).isEqualTo(200);
        browser.get(url("/app/compose"));
        browser.findElement(By.xpath("//label[normalize-space()='" + PAGE_NAME + "']")).click();
        browser.findElement(By.cssSelector("label[for='img-" + assetId + "']")).click();
        assertThat(browser.findElement(By.cssSelector("label[for='img-" + assetId + "'] .no-alt")).getText())
                .isEqualTo("No description");
        assertThat(browser.findElement(By.id("tag_place")).isSelected()).isTrue();
        browser.findElement(By.id("caption")).sendKeys("Truffle season is here.");
        browser.findElement(By.id("first_comment")).sendKeys("Book at trattoria.example #truffle");
        wait(10).until(d -> d.findElements(By.cssSelector("#preview-body [data-preview=facebook] .np-comment"))
                .stream().anyMatch(comment -> comment.getText().contains("Book at trattoria.example")));
        assertThat(browser.findElement(By.cssSelector("#preview-body [data-preview=facebook] .np-who small")).getText())
                .startsWith("at Trattoria Sandbox");
        assertThat(browser.findElement(By.cssSelector("#preview-body [data-preview=facebook] img.np-picture"))
                .getAttribute("src")).endsWith("/sandbox/cdn/pictures/200000000000001.png");
        checkCurrent("p29-compose-place-and-comment");
        browser.findElement(By.id("when-now")).click();
        browser.findElement(By.id("publish")).click();
        wait(10).until(ExpectedConditions.urlContains("/app/calendar/posts/"));
        String commented = browser.getCurrentUrl().substring(url("").length());
        wait(90).pollingEvery(Duration.ofSeconds(2)).until(d -> {
            d.get(url(commented));
            return d.findElements(By.cssSelector(".first-comment .badge")).stream()
                    .anyMatch(badge -> badge.getText().equals("posted"));
        });
        checkCurrent("p30-post-first-comment");
        check("p31-settings-place", "/app/settings");
        assertThat(browser.findElement(By.id("place-now")).getText()).contains("Trattoria Sandbox");
        check("p32-library-image-without-description", "/app/library/assets/" + assetId);
        assertThat(browser.findElement(By.id("alt-missing")).getText()).contains("no description");

        // The post page: a time in the past, refused beside the field.
        browser.get(url(scheduledPost));
        js().executeScript("document.getElementById('local_time').value = arguments[0];",
                LocalDateTime.now(PARIS).minusDays(1).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
        browser.findElement(By.cssSelector("form[action$='/reschedule'] button[type=submit]")).click();
        assertThat(wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#post-content .field-error")))
                .getText()).isEqualTo("The time must be in the future.");
        checkCurrent("p28-post-refused");

        // The calendar: a post picked up with the keyboard, a refused move explained in the day, the post's dialog.
        LocalDateTime afterMidnight = LocalDateTime.now(PARIS).plusDays(1).withHour(0).withMinute(5);
        String early = compose(assetId, "Midnight snack: truffle arancini", afterMidnight);
        String earlyEntry = ".entry[data-post='" + early.substring(early.lastIndexOf('/') + 1) + "']";
        browser.get(url("/app/calendar?view=month&date=" + afterMidnight.toLocalDate()));
        browser.findElement(By.cssSelector(earlyEntry + " button.move")).sendKeys(Keys.ENTER);
        wait(5).until(d -> afterMidnight.toLocalDate().toString().equals(
                d.switchTo().activeElement().getAttribute("data-date")));
        browser.switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
        checkCurrent("p29-calendar-moving");
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat(wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".day.today .drop-refused")))
                .getText()).isEqualTo("Not moved: The time must be in the future.");
        checkCurrent("p30-calendar-refused-move");
        browser.findElement(By.cssSelector(earlyEntry + " a.post")).click();
        wait(10).until(d -> d.findElement(By.id("post-dialog")).getAttribute("open") != null);
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#post-dialog #post-content")));
        checkCurrent("p31-calendar-post-dialog");

        // Users, with a one-time link and its copy button; keys, with a one-time key.
        browser.get(url("/app/settings/users"));
        browser.findElement(By.id("u-email")).sendKeys("cook-" + UUID.randomUUID().toString().substring(0, 8)
                + "@example.com");
        browser.findElement(By.id("invite-user")).click();
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.id("invitation-url")));
        assertThat(browser.findElements(By.cssSelector("button[data-copy=invitation-url]"))).hasSize(1);
        checkCurrent("p18-settings-users");
        browser.get(url("/app/settings/keys"));
        browser.findElement(By.id("k-name")).sendKeys("Website");
        browser.findElement(By.cssSelector("main form button.primary")).click();
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.id("new-key")));
        checkCurrent("p19-settings-keys");
        // Posting slots: a slot added, and the page with it.
        check("p42-settings-slots", "/app/settings/slots");
        browser.findElement(By.cssSelector("main section form.row button.primary")).click();
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main p.notice")));
        checkCurrent("p43-settings-slots-added");
        check("p40-settings-webhooks", "/app/settings/webhooks");
        browser.findElement(By.id("w-url")).sendKeys("https://127.0.0.1/orders");
        browser.findElement(By.cssSelector("main form button.primary")).click();
        assertThat(wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".field-error")))
                .getText()).contains("private or reserved address");
        checkCurrent("p41-settings-webhooks-refused");

        // The pages of the autopilot, the activity trail, the spreadsheet import and the approval queue.
        check("p45-autopilot", "/app/autopilot");
        check("p46-settings-activity", "/app/settings/activity");
        check("p47-calendar-import", "/app/calendar/import");
        check("p48-approvals", "/app/approvals");

        // Your data: an export asked for, its progress, then its link; closing refused without the restaurant's name.
        check("p35-settings-data", "/app/settings/data");
        browser.findElement(By.id("request-export")).click();
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.id("export-status")));
        checkCurrent("p36-settings-data-export-asked");
        wait(60).pollingEvery(Duration.ofSeconds(1)).until(d -> {
            d.get(url("/app/settings/data"));
            return !d.findElements(By.id("download-export")).isEmpty();
        });
        assertThat(browser.findElement(By.id("export-status")).getText()).contains("is ready");
        String archive = browser.findElement(By.id("download-export")).getAttribute("href");
        assertThat(api().getText(archive.substring(archive.indexOf("/downloads/")))).startsWith("PK");
        checkCurrent("p37-settings-data-export-ready");
        browser.findElement(By.id("confirm-name")).sendKeys("Not the name");
        browser.findElement(By.id("close-account-button")).click();
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#close-account .field-error")));
        assertThat(browser.findElement(By.id("confirm-name")).getAttribute("value")).isEqualTo("Not the name");
        checkCurrent("p38-settings-data-close-refused");

        // A refused form, back on its page with the message beside the field; an unknown address.
        browser.get(url("/app/settings"));
        browser.findElement(By.id("m-name")).sendKeys("Tiramisu");
        browser.findElement(By.id("m-price")).sendKeys("six");
        browser.findElement(By.cssSelector("#new-menu-item button[type=submit]")).click();
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".field-error")));
        assertThat(browser.findElement(By.id("m-name")).getAttribute("value")).isEqualTo("Tiramisu");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("m-price");
        checkCurrent("p20-settings-form-error");
        check("p21-not-found", "/app/no-such-page");
        // The audit can fail: an image without a text alternative is a critical violation.
        js().executeScript("document.querySelector('main').appendChild(document.createElement('img')).src = 'data:,';");
        assertThat(seriousViolations()).anySatisfy(v -> assertThat(v).startsWith("image-alt (critical)"));

        // Disconnecting asks first: "Keep it" changes nothing; confirming disconnects, told as a warning.
        browser.get(url("/app/accounts"));
        By disconnectPage = By.cssSelector("#accounts button.danger[aria-label='Disconnect " + PAGE_NAME + "']");
        browser.findElement(disconnectPage).click();
        wait(5).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
        assertThat(browser.findElement(By.id("confirm-question")).getText()).startsWith("Disconnect ");
        checkCurrent("p24-confirm-disconnect");
        browser.findElement(By.id("confirm-cancel")).click();
        assertThat(browser.findElement(By.id("accounts")).getText()).doesNotContain("disconnected");
        browser.findElement(disconnectPage).click();
        wait(5).until(ExpectedConditions.elementToBeClickable(By.id("confirm-ok"))).click();
        assertThat(wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.warning[role=status]")))
                .getText()).contains("is disconnected");
        assertThat(browser.findElements(By.cssSelector("p.notice"))).isEmpty();
        checkCurrent("p25-accounts-disconnected");

        // Reviews: the ones waiting for a reply with their drafts (a low rating flagged); a drafted reply posted.
        browser.get(url("/app/reviews"));
        browser.findElement(By.id("check-reviews")).click();
        wait(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.notice[role=status]")));
        check("p43-reviews", "/app/reviews");
        assertThat(browser.findElements(By.cssSelector("main article.card"))).hasSize(3);
        assertThat(browser.findElement(By.id("waiting-summary")).getText()).contains("3 reviews wait", "1 with a low rating");
        assertThat(browser.findElement(By.cssSelector("main article.card textarea")).getText()).isNotBlank();
        browser.findElement(By.cssSelector("main article.card form[action$='/reply'] button.primary")).click();
        assertThat(wait(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.notice[role=status]")))
                .getText()).isEqualTo("Your reply is on Google.");
        check("p44-reviews-replied", "/app/reviews?tab=replied");
        assertThat(browser.findElements(By.cssSelector("main article.card"))).hasSize(1);

        browser.findElement(By.id("sign-out")).click();
        wait(10).until(d -> d.getCurrentUrl().startsWith(url("/app/sign-in")));
        check("p22-sign-in", "/app/sign-in");
        check("p39-sign-in-account-closed", "/app/sign-in?account-closed");

        // "Forgot password?": the form, its answer, and the reset page the e-mail (in the sandbox's outbox) links to.
        check("p32-forgot-password", "/app/forgot-password");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main p.notice[role=status]")));
        checkCurrent("p33-forgot-password-sent");
        String resetLink = wait(30).until(d -> {
            d.get(url("/sandbox/mail"));
            return d.findElements(By.cssSelector("a[href*='/app/reset/']")).stream()
                    .map(link -> link.getAttribute("href")).findFirst().orElse(null);
        });
        check("p34-reset-password", resetLink.substring(resetLink.indexOf("/app/reset/")));

        // The same address and password open a second restaurant: signing in asks which one.
        ApiClient.Response second = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", "Second Site Pizzeria", "email", email, "plan", "pro"));
        assertThat(second.status()).isEqualTo(201);
        browser.get(second.text("owner_invite_url"));
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("password_again")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        wait(10).until(d -> d.getCurrentUrl().equals(url("/app")));
        browser.findElement(By.id("sign-out")).click();
        wait(10).until(d -> d.getCurrentUrl().startsWith(url("/app/sign-in")));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        wait(10).until(d -> d.findElement(By.tagName("h1")).getText().equals("Choose a restaurant"));
        checkCurrent("p23-workspaces");

        assertThat(pages.problems()).as("pages wider than the phone, or with serious accessibility violations").isEmpty();
    }

    @Test
    void onAPhoneTheNavigationTakesTwoRowsAtMostAndTheRestOpensUnderMoreByKeyboard() {
        String email = "nav-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ApiClient.Response created = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", "Thumb Street Pizzeria", "email", email, "plan", "pro", "timezone", "Europe/Paris"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        browser.get(created.text("owner_invite_url"));
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("password_again")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        wait(10).until(d -> d.getCurrentUrl().equals(url("/app")));
        List<String> every = List.of("Home", "Calendar", "Compose", "Library", "Autopilot", "Approvals", "Accounts",
                "Reviews", "Insights", "Settings");

        // A laptop: every entry in the row, no "More".
        browser.get(url("/app/insights"));
        assertThat(shownNavigation()).containsExactlyElementsOf(every);
        assertThat(browser.findElement(By.cssSelector(".main-nav summary")).isDisplayed()).isFalse();

        // A phone, on a page that is under "More": the daily four and "More", closed, in two rows at most.
        browser.manage().window().setSize(PageChecks.PHONE);
        browser.get(url("/app/insights"));
        assertThat(shownNavigation()).containsExactly("Home", "Calendar", "Compose", "Library", "More");
        WebElement more = browser.findElement(By.cssSelector(".main-nav details"));
        assertThat(more.getAttribute("open")).isNull();
        Map<?, ?> rows = (Map<?, ?>) js().executeScript("""
                const nav = document.querySelector('nav.main-nav');
                const link = nav.querySelector('a');
                return {nav: nav.getBoundingClientRect().height, link: link.getBoundingClientRect().height,
                        gap: parseFloat(getComputedStyle(nav.querySelector('ul')).rowGap) || 0};""");
        double linkHeight = ((Number) rows.get("link")).doubleValue();
        assertThat(linkHeight).isPositive();
        assertThat(((Number) rows.get("nav")).doubleValue()).as("the navigation's height against a link's: %s", rows)
                .isLessThanOrEqualTo(2 * linkHeight + ((Number) rows.get("gap")).doubleValue() + 1);
        chromium.screenshot("nav-phone-closed");
        // The page shown is marked where it sits, under "More" (closed until asked), and in the laptop's row.
        assertThat(browser.findElements(By.cssSelector(".main-nav [aria-current=page]")))
                .hasSize(2).allSatisfy(current -> {
                    assertThat(current.getAttribute("textContent")).isEqualTo("Insights");
                    assertThat(current.isDisplayed()).isFalse();
                });
        assertThat(more.findElements(By.cssSelector("[aria-current=page]"))).hasSize(1);

        // By keyboard: the summary focused, Enter opens "More" and shows the other entries, the current one marked.
        WebElement summary = browser.findElement(By.cssSelector(".main-nav summary"));
        js().executeScript("arguments[0].focus();", summary);
        assertThat(browser.switchTo().activeElement()).isEqualTo(summary);
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait(5).until(d -> more.getAttribute("open") != null);
        assertThat(more.findElements(By.tagName("a"))).allMatch(WebElement::isDisplayed)
                .extracting(WebElement::getText)
                .containsExactly("Autopilot", "Approvals", "Accounts", "Reviews", "Insights", "Settings");
        assertThat(more.findElement(By.cssSelector("[aria-current=page]")).isDisplayed()).isTrue();
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Autopilot");
        assertThat(PageChecks.tooWide(js())).isEmpty();
        assertThat((List<?>) js().executeScript("""
                return [...document.querySelectorAll('nav.main-nav details a')].map(a => a.getBoundingClientRect())
                    .filter(r => r.left < 0 || r.right > window.innerWidth).map(r => r.left + '..' + r.right);"""))
                .as("entries under More out of the screen").isEmpty();
        assertThat(seriousViolations()).isEmpty();
        chromium.screenshot("nav-phone-more-open");
        // Enter on the summary again closes it.
        summary.sendKeys(Keys.ENTER);
        wait(5).until(d -> more.getAttribute("open") == null);
    }

    /** The visible entries of the main navigation ("More" included when it shows), in order. */
    private List<String> shownNavigation() {
        return browser.findElements(By.cssSelector(".main-nav > ul > li > a, .main-nav summary")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).toList();
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Opens the page at both sizes: axe at each, the width on the phone, a screenshot of each. */
    private void check(String name, String address) {
        pages.check(name, address.startsWith("http") ? address : url(address));
    }

    /** The page as it is now (a one-time secret on it: not opened again), at both sizes. */
    private void checkCurrent(String name) {
        pages.checkCurrent(name);
    }

    private List<String> seriousViolations() {
        return pages.seriousViolations();
    }

    /**
     * Connects the sandbox's Google location from the accounts page, as the owner does; guests leave three reviews
     * (one three days ago, unanswered since), which are fetched with their drafts; the location's figures are
     * fetched; a dish is added and the menu sent to Google.
     */
    private void connectGoogleListing(String tenantId) {
        assertThat(api().post("/sandbox/google/admin/reset", null, null).status()).isEqualTo(204);
        browser.get(url("/app/accounts"));
        browser.findElement(By.id("connect-google")).click();
        wait(10).until(ExpectedConditions.urlContains("/sandbox/"));
        browser.findElement(By.cssSelector("button[value=approve]")).click();
        wait(10).until(d -> d.getCurrentUrl().startsWith(url("/app/accounts")));
        String location = "accounts/107000000000000000001/locations/4200000000000000001";
        seedReview(location, 5, "The truffle pizza was unforgettable.", "Anna Bianchi", null);
        seedReview(location, 1, "Cold and slow.", "Marco Verdi", null);
        seedReview(location, 3, "Lovely terrace, but we waited long for the bill.", "Giulia Neri",
                java.time.Instant.now().minus(Duration.ofDays(3)));
        String google = "/api/v1/tenants/" + tenantId + "/google";
        ApiClient.Response reviews = api().post(google + "/reviews/sync", ApiClient.OPERATOR_TOKEN, null);
        assertThat(reviews.status()).as(reviews.raw().body()).isEqualTo(200);
        ApiClient.Response figures = api().post(google + "/insights/sync", ApiClient.OPERATOR_TOKEN, null);
        assertThat(figures.status()).as(figures.raw().body()).isEqualTo(200);
        ApiClient.Response dish = api().post("/api/v1/tenants/" + tenantId + "/menu-items", ApiClient.OPERATOR_TOKEN,
                Map.of("name", "Truffle pizza", "description", "Wood-fired, black truffle, fior di latte.",
                        "price", 18.5, "currency", "EUR"));
        assertThat(dish.status()).as(dish.raw().body()).isEqualTo(201);
        ApiClient.Response menu = api().post(google + "/menu-sync", ApiClient.OPERATOR_TOKEN, null);
        assertThat(menu.body().path("items").get(0).path("status").asString()).as(menu.raw().body())
                .isEqualTo("synced");
    }

    private void seedReview(String location, int stars, String comment, String reviewer, java.time.Instant leftAt) {
        Map<String, Object> review = new java.util.HashMap<>(Map.of("location", location, "stars", stars,
                "comment", comment, "reviewer", reviewer));
        if (leftAt != null) {
            review.put("left_at", leftAt.toString());
        }
        ApiClient.Response seeded = api().post("/sandbox/google/admin/reviews", null, review);
        assertThat(seeded.status()).as(seeded.raw().body()).isEqualTo(201);
    }

    /** Composes a post to the Facebook Page with the image: at {@code when} (Paris), or now; its page's path. */
    private String compose(String assetId, String text, LocalDateTime when) {
        browser.get(url("/app/compose"));
        browser.findElement(By.xpath("//label[normalize-space()='" + PAGE_NAME + "']")).click();
        browser.findElement(By.cssSelector("label[for='img-" + assetId + "']")).click();
        browser.findElement(By.id("caption")).sendKeys(text);
        if (when == null) {
            browser.findElement(By.id("when-now")).click();
        } else {
            browser.findElement(By.id("when-later")).click();
            js().executeScript("document.getElementById('local_time').value = arguments[0];",
                    when.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
        }
        browser.findElement(By.id("publish")).click();
        wait(10).until(ExpectedConditions.urlContains("/app/calendar/posts/"));
        return browser.getCurrentUrl().substring(url("").length());
    }

    private JavascriptExecutor js() {
        return browser;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebDriverWait wait(int seconds) {
        return chromium.waiting(seconds);
    }

    private static Path jpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x2E86C1));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color((int) (Math.random() * 0xFFFFFF)));
        g.fillRect(width / 5, height / 5, width / 2, height / 2);
        g.dispose();
        Path file = Files.createTempFile("forkcast-terrace-", ".jpg");
        file.toFile().deleteOnExit();
        if (!ImageIO.write(image, "jpeg", file.toFile())) {
            throw new UncheckedIOException(new IOException("no JPEG writer"));
        }
        return file;
    }
}
