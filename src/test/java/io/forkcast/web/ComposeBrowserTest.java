package io.forkcast.web;

import io.forkcast.accounts.GoogleConnectSteps;
import io.forkcast.posts.PostingFixtures;
import io.forkcast.support.ApiClient;
import io.forkcast.support.Chromium;
import io.forkcast.support.EmbeddedApiTest;
import io.forkcast.support.TestVideos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compose with formats, a video and a Google listing in a real headless Chromium: the format picker per account, the
 * Reel's 9:16 preview with the video's poster, the cover chosen in place, the Google fields shown only for a Google
 * target and its listing card, and the saved post's page; every page axe-clean (no serious or critical violation) and
 * no wider than a 390 px phone. Screenshots go to {@code target/screenshots/} (prefix {@code fmt-}).
 */
class ComposeBrowserTest extends EmbeddedApiTest {

    private static final Dimension LAPTOP = new Dimension(1280, 1000);
    private static final Dimension PHONE = new Dimension(390, 844);

    private Chromium chromium;
    private ChromeDriver browser;
    private Restaurant restaurant;
    private String video;
    private String google;
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void startBrowserAndOpenARestaurant() throws Exception {
        chromium = new Chromium();
        browser = chromium.driver();
        browser.manage().window().setSize(LAPTOP);
        restaurant = Restaurant.open(api(), port, "Formats " + UUID.randomUUID().toString().substring(0, 8));
        video = PostingFixtures.upload(port, restaurant.tenantId(), restaurant.key(), "oven.mp4",
                TestVideos.of().size(360, 640).seconds(4).bytes());
        ApiClient.Response connected = new GoogleConnectSteps(api()).connect(restaurant.tenantId(), restaurant.key());
        assertThat(connected.status()).as(connected.raw().body()).isEqualTo(200);
        for (JsonNode account : api().get(restaurant.path("/accounts"), restaurant.key()).body().path("items")) {
            if (account.path("platform_user_id").asString().equals(GoogleConnectSteps.LOCATION)) {
                google = account.path("id").asString();
            }
        }
        browser.get(restaurant.ownerInvite());
        browser.findElement(By.id("password")).sendKeys(Restaurant.PASSWORD);
        browser.findElement(By.id("password_again")).sendKeys(Restaurant.PASSWORD);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        wait(10).until(d -> d.getCurrentUrl().equals(url("/app")));
    }

    @AfterEach
    void stopBrowser() {
        try {
            chromium.close();
        } finally {
            api().delete(restaurant.path("/accounts/" + google), restaurant.key());
            restaurant.close(api());
        }
    }

    @Test
    void aReelAndAGoogleOfferAreComposedWithTheirPreviews_everyPageFitsAPhoneAndPassesAxe() {
        browser.get(url("/app/compose"));
        // Nothing ticked: no format picker, no Google fields.
        assertThat(browser.findElement(By.id("format-" + restaurant.instagram())).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("google-fields")).isDisplayed()).isFalse();

        browser.findElement(By.cssSelector("label[for='acc-" + restaurant.instagram() + "']")).click();
        Select format = new Select(browser.findElement(By.id("format-" + restaurant.instagram())));
        assertThat(format.getOptions()).extracting(WebElement::getText).containsExactly("Feed post", "Reel", "Story");
        // "Also show in the feed grid" belongs to the Reel: shown with it, ticked at first.
        assertThat(browser.findElement(By.id("share-" + restaurant.instagram())).isDisplayed()).isFalse();
        format.selectByVisibleText("Reel");
        assertThat(browser.findElement(By.id("share-" + restaurant.instagram())).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("share-" + restaurant.instagram())).isSelected()).isTrue();
        browser.findElement(By.cssSelector("label[for='img-" + video + "']")).click();
        assertThat(browser.findElement(By.cssSelector("#picked li .duration")).getText()).isEqualTo("0:04");
        browser.findElement(By.id("caption")).sendKeys("The wood-fired oven at full heat");

        // The Reel: 9:16, the video's poster, the caption over it.
        WebElement reel = wait(10).until(d -> d.findElement(By.cssSelector("[data-preview=instagram][data-format=reel]")));
        assertThat(reel.findElement(By.cssSelector(".np-vertical img")).getAttribute("src"))
                .contains("/media/" + video + "/poster");
        assertThat(reel.findElement(By.cssSelector(".np-vertical")).getAttribute("style")).contains("aspect-ratio: 0.5625");
        wait(10).until(d -> d.findElement(By.cssSelector("[data-format=reel] .np-overlay")).getText()
                .contains("The wood-fired oven"));

        // The cover, chosen in place: a frame 2.5 s in.
        browser.findElement(By.cssSelector("#cover-picker summary")).click();
        browser.findElement(By.id("cover-offset")).sendKeys("2.5");
        browser.findElement(By.id("cover-save")).click();
        wait(10).until(d -> d.findElement(By.id("cover-result")).getText().contains("the new frame"));
        checkCurrent("fmt-01-compose-reel");

        // Google: its fields appear once the listing is ticked; an offer's own fields with the type.
        browser.findElement(By.cssSelector("label[for='acc-" + google + "']")).click();
        wait(5).until(ExpectedConditions.visibilityOfElementLocated(By.id("google-fields")));
        assertThat(browser.findElement(By.id("google_title")).isDisplayed()).isFalse();
        new Select(browser.findElement(By.id("google_type"))).selectByVisibleText("Offer");
        assertThat(browser.findElement(By.id("google_coupon_code")).isDisplayed()).isTrue();
        browser.findElement(By.id("google_title")).sendKeys("Pizza and wine for two");
        LocalDateTime start = LocalDateTime.now(ZoneId.of("Europe/Paris")).plusDays(5).withHour(19).withMinute(0);
        js().executeScript("document.getElementById('google_starts_at').value = arguments[0];"
                + "document.getElementById('google_ends_at').value = arguments[1];",
                start.toString().substring(0, 16), start.plusHours(4).toString().substring(0, 16));
        browser.findElement(By.id("google_coupon_code")).sendKeys("OVEN10");
        new Select(browser.findElement(By.id("google_action"))).selectByVisibleText("Order online");
        browser.findElement(By.id("google_action_url")).sendKeys("https://trattoria.example/order");
        WebElement card = wait(10).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("[data-preview=google_business] .np-google-coupon"));
            return found.isEmpty() ? null : found.getFirst().findElement(By.xpath("ancestor::article"));
        });
        wait(10).until(d -> card.isDisplayed() && d.findElement(By.cssSelector("[data-preview=google_business]"))
                .getText().contains("Pizza and wine for two"));
        assertThat(browser.findElement(By.cssSelector("[data-preview=google_business] .np-google-button")).getText())
                .isEqualTo("Order online");
        checkCurrent("fmt-02-compose-google");

        // One post's media go to every network, and Google takes no video: refused beside the media, all kept.
        browser.findElement(By.id("when-later")).click();
        js().executeScript("document.getElementById('local_time').value = arguments[0];",
                start.minusDays(1).toString().substring(0, 16));
        browser.findElement(By.id("publish")).click();
        WebElement refusal = wait(10).until(d -> d.findElement(By.id("error-app-compose-asset_ids")));
        assertThat(refusal.getText()).contains("takes only photos, not a video");
        assertThat(browser.findElement(By.id("google_title")).getAttribute("value")).isEqualTo("Pizza and wine for two");
        assertThat(new Select(browser.findElement(By.id("format-" + restaurant.instagram())))
                .getFirstSelectedOption().getText()).isEqualTo("Reel");
        assertThat(browser.findElements(By.cssSelector("#picked li"))).hasSize(1);
        checkCurrent("fmt-03-compose-refused");

        // Without the listing, the Reel is saved: the post page names its format and shows its poster.
        browser.findElement(By.cssSelector("label[for='acc-" + google + "']")).click();
        browser.findElement(By.id("publish")).click();
        wait(10).until(ExpectedConditions.urlContains("/app/calendar/posts/"));
        List<String> formats = browser.findElements(By.cssSelector("#deliveries .delivery-format")).stream()
                .map(WebElement::getText).toList();
        assertThat(formats).containsExactly("Reel");
        assertThat(browser.findElement(By.cssSelector("[data-format=reel] .np-vertical img")).getAttribute("src"))
                .contains("/media/" + video + "/poster");
        String post = browser.getCurrentUrl();
        check("fmt-04-post", post);

        // The library: the video's tile with its length; its page with a player and the cover form.
        check("fmt-05-library", url("/app/library"));
        assertThat(browser.findElement(By.cssSelector("[data-asset-id='" + video + "'] .duration")).getText())
                .contains("0:04");
        check("fmt-06-video", url("/app/library/assets/" + video));
        WebElement player = browser.findElement(By.id("player"));
        assertThat(player.getAttribute("src")).contains("/media/" + video + "/original");
        // The player reads the video (Range requests): its duration is known.
        wait(10).until(d -> ((Number) js().executeScript("return arguments[0].readyState;", player)).intValue() >= 1);
        assertThat(((Number) js().executeScript("return arguments[0].duration;", player)).doubleValue())
                .isBetween(3.5, 4.5);

        assertThat(problems).as("pages wider than the phone, or with serious accessibility violations").isEmpty();
    }

    @Test
    void theMediaPickerIsAGridOfSquareTilesOnAPhone_aTileIsTickedByKeyboardAndShowsIt() throws Exception {
        List<String> photos = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Sizes differ: the library keeps one copy of identical files.
            photos.add(PostingFixtures.upload(port, restaurant.tenantId(), restaurant.key(), 320 + i, 320));
        }
        browser.manage().window().setSize(PHONE);
        browser.get(url("/app/compose"));

        List<WebElement> tiles = browser.findElements(By.cssSelector("#image-choices .tile"));
        assertThat(tiles).hasSizeGreaterThanOrEqualTo(8);
        int firstRow = tiles.getFirst().getLocation().getY();
        long inFirstRow = tiles.stream().filter(tile -> tile.getLocation().getY() == firstRow).count();
        assertThat(inFirstRow).as("tiles in the first row at 390 px").isBetween(3L, 4L);
        WebElement thumb = tiles.getFirst().findElement(By.cssSelector(".thumb"));
        assertThat(Math.abs(thumb.getSize().getWidth() - thumb.getSize().getHeight())).isLessThanOrEqualTo(1);
        // The video's tile says it is one, and how long.
        assertThat(browser.findElement(By.cssSelector("label[for='img-" + video + "'] .duration")).getText())
                .contains("0:04");

        // Keyboard: the tile's checkbox takes the focus, Space ticks it; the tile shows it and the order lists it.
        WebElement box = browser.findElement(By.id("img-" + photos.getFirst()));
        js().executeScript("arguments[0].focus();", box);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("img-" + photos.getFirst());
        box.sendKeys(org.openqa.selenium.Keys.SPACE);
        assertThat(box.isSelected()).isTrue();
        WebElement tick = browser.findElement(By.cssSelector("label[for='img-" + photos.getFirst() + "'] .tick"));
        assertThat(tick.isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("label[for='img-" + photos.get(1) + "'] .tick")).isDisplayed())
                .isFalse();
        assertThat(browser.findElements(By.cssSelector("#picked li"))).hasSize(1);
        // Announced as a checkbox that is checked, named by the file.
        assertThat(box.getAriaRole()).isEqualTo("checkbox");
        assertThat(box.getAccessibleName()).isNotBlank();

        fitsThePhone("fmt-07-picker");
        audit("fmt-07-picker-phone");
        browser.manage().window().setSize(LAPTOP);
        browser.get(url("/app/compose"));
        List<WebElement> wide = browser.findElements(By.cssSelector("#image-choices .tile"));
        int top = wide.getFirst().getLocation().getY();
        assertThat(wide.stream().filter(tile -> tile.getLocation().getY() == top).count())
                .as("tiles in the first row on a laptop").isGreaterThan(inFirstRow);
        audit("fmt-07-picker-laptop");
        assertThat(problems).as("pages wider than the phone, or with serious accessibility violations").isEmpty();
    }

    /** Opens the page at both sizes: axe at each, the width on the phone, a screenshot of each. */
    private void check(String name, String address) {
        browser.get(address);
        audit(name + "-laptop");
        browser.manage().window().setSize(PHONE);
        browser.get(address);
        fitsThePhone(name);
        audit(name + "-phone");
        browser.manage().window().setSize(LAPTOP);
    }

    /** The page as it is now (typed in, not opened again), at both sizes. */
    private void checkCurrent(String name) {
        audit(name + "-laptop");
        browser.manage().window().setSize(PHONE);
        fitsThePhone(name);
        audit(name + "-phone");
        browser.manage().window().setSize(LAPTOP);
    }

    private void fitsThePhone(String name) {
        PageChecks.tooWide(js()).ifPresent(wide -> problems.add(name + ": " + wide));
    }

    private void audit(String name) {
        PageChecks.seriousViolations(js()).forEach(violation -> problems.add(name + ": " + violation));
        chromium.screenshot(name);
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
}
