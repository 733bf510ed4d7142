package io.forkcast.web;

import io.forkcast.support.Chromium;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compose's previews, the calendar's drag and drop (and its keyboard path) and the post page following a
 * delivery as it publishes, in a real headless Chromium against the whole application on the embedded default.
 * Screenshots go to {@code target/screenshots/} (prefix {@code cal-}).
 */
class CalendarBrowserTest extends EmbeddedApiTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private Chromium chromium;
    private ChromeDriver browser;
    private Restaurant restaurant;

    @BeforeEach
    void startBrowserAndOpenARestaurant() throws Exception {
        chromium = new Chromium();
        browser = chromium.driver();
        restaurant = Restaurant.open(api(), port, "Calendar " + UUID.randomUUID().toString().substring(0, 8));
        browser.get(restaurant.ownerInvite());
        browser.findElement(By.id("password")).sendKeys(Restaurant.PASSWORD);
        browser.findElement(By.id("password_again")).sendKeys(Restaurant.PASSWORD);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        // A new owner lands on the home page (its first-run checklist).
        wait(10).until(d -> d.getCurrentUrl().equals(url("/app")));
    }

    @AfterEach
    void stopBrowser() {
        try {
            chromium.close();
        } finally {
            restaurant.close(api());
        }
    }

    @Test
    void thePreviewFollowsTheCaptionAndTheImageOrder_instagramCutsTheCaptionBeforeMore() {
        browser.get(url("/app/compose"));
        browser.findElement(By.cssSelector("label[for='acc-" + restaurant.instagram() + "']")).click();
        browser.findElement(By.cssSelector("label[for='acc-" + restaurant.facebook() + "']")).click();
        browser.findElement(By.cssSelector("label[for='img-" + restaurant.square() + "']")).click();
        browser.findElement(By.cssSelector("label[for='img-" + restaurant.portrait() + "']")).click();

        // Instagram: a carousel of the Instagram-ready files, square first, two dots; Facebook: the original.
        wait(10).until(d -> firstSlide().contains("/media/" + restaurant.square() + "/instagram")
                && d.findElements(By.cssSelector("[data-preview=instagram] .np-dot")).size() == 2);
        assertThat(attribute("[data-preview=facebook] .np-fb-media img", "src"))
                .contains("/media/" + restaurant.square() + "/original");
        assertThat(browser.findElement(By.cssSelector("[data-preview=facebook] .np-extra")).getText()).isEqualTo("+1");

        // Reordered with the arrow button: the portrait leads, and the frame takes its 4:5.
        browser.findElements(By.cssSelector("#picked li")).get(1).findElements(By.tagName("button")).get(0).click();
        wait(10).until(d -> firstSlide().contains("/media/" + restaurant.portrait() + "/instagram"));
        assertThat(attribute("[data-preview=instagram] .np-frame", "style")).contains("aspect-ratio: 0.8");

        // As the owner types: a short caption whole, a long one cut where Instagram cuts it, then "more".
        browser.findElement(By.id("caption")).sendKeys("Truffle pizza tonight");
        wait(10).until(d -> instagramText().endsWith(" Truffle pizza tonight"));
        assertThat(browser.findElements(By.cssSelector("[data-preview=instagram] .np-more"))).isEmpty();
        String more = ", with burrata from the farm down the road, basil from our garden, and a crust that rested "
                + "for three whole days. Book your table now!";
        browser.findElement(By.id("caption")).sendKeys(more);
        wait(10).until(d -> instagramText().endsWith("… more"));
        assertThat(instagramText()).doesNotContain("Book your table now!");
        assertThat(browser.findElement(By.cssSelector("[data-preview=facebook] .np-text")).getText())
                .contains("Book your table now!");
        chromium.screenshot("cal-01-compose-preview");

        atPhoneWidth("cal-02-phone-", "/app/compose");
    }

    @Test
    void aPostIsDraggedToAnotherDay_aRefusedDropIsExplainedInPlace_theKeyboardMovesItToo() {
        // Tomorrow, or next Monday when tomorrow is a weekend day: the post, the day it is dragged to and the day the
        // keyboard then moves it to must all be in the one Monday-to-Sunday week on screen.
        LocalDate dueDay = LocalDate.now(PARIS).plusDays(1);
        if (dueDay.getDayOfWeek().getValue() > java.time.DayOfWeek.FRIDAY.getValue()) {
            dueDay = dueDay.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY));
        }
        ZonedDateTime due = dueDay.atTime(0, 5).atZone(PARIS);
        LocalDate today = LocalDate.now(PARIS);
        String postId = restaurant.post(api(), "Midnight snack: our truffle arancini", due.toInstant().toString());
        browser.get(url("/app/calendar?view=month&date=" + due.toLocalDate()));
        WebElement entry = entry(postId);
        assertThat(entry.getText()).contains("00:05").contains("Midnight snack").contains("Instagram")
                .contains("Facebook");
        assertThat(entry.findElement(By.cssSelector("img.entry-thumb")).getAttribute("src"))
                .contains("/media/" + restaurant.square() + "/thumbnail");
        assertThat(browser.findElement(By.cssSelector(".day.today")).getText()).contains("Today");
        assertThat(browser.findElement(By.cssSelector(".day.today")).getAttribute("data-date"))
                .isEqualTo(today.toString());

        // Dropped on today: 00:05 has passed, so the move is refused, and the day says why.
        drag(postId, today);
        WebElement refusal = wait(10).until(d -> d.findElement(By.cssSelector(".day.today .drop-refused")));
        assertThat(refusal.getText()).isEqualTo("Not moved: The time must be in the future.");
        assertThat(scheduledFor(postId)).isEqualTo(due.toInstant());
        chromium.screenshot("cal-03-refused-drop");

        // Dropped two days later (one from a Friday: the keyboard's move below, one day on, stays in the week): it
        // moves, at the same time of day, and the calendar shows it there.
        int daysLater = dueDay.getDayOfWeek() == java.time.DayOfWeek.FRIDAY ? 1 : 2;
        LocalDate later = due.toLocalDate().plusDays(daysLater);
        browser.get(url("/app/calendar?view=week&date=" + later));
        drag(postId, later);
        wait(10).until(d -> scheduledFor(postId).equals(due.plusDays(daysLater).toInstant()));
        wait(10).until(d -> d.findElements(By.cssSelector(".day[data-date='" + later + "'] .entry[data-post='"
                + postId + "']")).size() == 1);
        wait(5).until(d -> d.findElement(By.id("calendar-status")).getAttribute("textContent").startsWith("Moved to "));

        // The keyboard: "Move", one day on with the right arrow, Enter.
        WebElement move = entry(postId).findElement(By.cssSelector("button.move"));
        move.sendKeys(Keys.ENTER);
        wait(5).until(d -> later.toString().equals(d.switchTo().activeElement().getAttribute("data-date")));
        browser.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait(10).until(d -> scheduledFor(postId).equals(due.plusDays(daysLater + 1).toInstant()));
        wait(10).until(d -> d.findElements(By.cssSelector(".day[data-date='" + later.plusDays(1) + "'] .entry[data-post='"
                + postId + "']")).size() == 1);
        chromium.screenshot("cal-04-week-after-moves");

        // The post opens in place, in a dialog, and closes back to the calendar.
        entry(postId).findElement(By.cssSelector("a.post")).click();
        WebElement dialog = wait(10).until(d -> {
            WebElement found = d.findElement(By.id("post-dialog"));
            return found.getAttribute("open") != null ? found : null;
        });
        assertThat(dialog.findElement(By.id("post-content")).getText()).contains("Networks").contains("Midnight snack");
        assertThat(browser.findElement(By.id("post-dialog-full")).getAttribute("href")).endsWith("/app/calendar/posts/" + postId);
        chromium.screenshot("cal-05-post-dialog");
        browser.findElement(By.id("post-dialog-close")).click();
        wait(5).until(d -> d.findElement(By.id("post-dialog")).getAttribute("open") == null);

        atPhoneWidth("cal-06-phone-", "/app/calendar?view=month&date=" + later,
                "/app/calendar?view=week&date=" + later, "/app/calendar?view=list",
                "/app/calendar/posts/" + postId);
    }

    @Test
    void thePostPageFollowsItsDeliveriesAsTheyPublish_withoutReloading() {
        Instant due = Instant.now().plusSeconds(6);
        String postId = restaurant.post(api(), "Fresh out of the oven", due.toString());
        browser.get(url("/app/calendar/posts/" + postId));
        assertThat(browser.findElement(By.id("post-status")).getText()).isEqualTo("scheduled");
        assertThat(browser.findElement(By.id("post-content")).getAttribute("hx-trigger")).isEqualTo("every 2s");
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

        wait(150).until(d -> d.findElement(By.id("post-status")).getText().equals("published"));
        assertThat(browser.findElements(By.cssSelector("#deliveries a.permalink"))).hasSize(2);
        assertThat((Boolean) ((JavascriptExecutor) browser).executeScript("return window.sameDocument === true;"))
                .as("the page updated itself, it was not reloaded").isTrue();
        // Settled: the answer carries no trigger, so the asking stopped.
        assertThat(browser.findElement(By.id("post-content")).getAttribute("hx-trigger")).isNull();
        chromium.screenshot("cal-08-post-published-live");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The drag and drop of a person, as Chromium's events: dragstart on the entry, dragover and drop on the day. */
    private void drag(String postId, LocalDate day) {
        ((JavascriptExecutor) browser).executeScript("""
                const entry = document.querySelector('.entry[data-post="' + arguments[0] + '"]');
                const day = document.querySelector('.day[data-date="' + arguments[1] + '"]');
                const data = new DataTransfer();
                entry.dispatchEvent(new DragEvent('dragstart', {bubbles: true, cancelable: true, dataTransfer: data}));
                day.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: data}));
                day.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));
                entry.dispatchEvent(new DragEvent('dragend', {bubbles: true, cancelable: true, dataTransfer: data}));
                """, postId, day.toString());
    }

    private WebElement entry(String postId) {
        return wait(10).until(d -> d.findElement(By.cssSelector(".entry[data-post='" + postId + "']")));
    }

    private Instant scheduledFor(String postId) {
        return Instant.parse(api().get(restaurant.path("/posts/" + postId), restaurant.key()).text("scheduled_for"));
    }

    private String firstSlide() {
        List<WebElement> slides = browser.findElements(By.cssSelector("[data-preview=instagram] .np-track img"));
        return slides.isEmpty() ? "" : slides.getFirst().getAttribute("src");
    }

    private String instagramText() {
        List<WebElement> text = browser.findElements(By.cssSelector("[data-preview=instagram] .np-text"));
        return text.isEmpty() ? "" : text.getFirst().getText();
    }

    private String attribute(String css, String name) {
        return browser.findElement(By.cssSelector(css)).getAttribute(name);
    }

    /** Opens each page at 390 × 844: nothing may scroll sideways. Screenshots numbered in order. */
    private void atPhoneWidth(String screenshots, String... paths) {
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            for (int i = 0; i < paths.length; i++) {
                browser.get(url(paths[i]));
                chromium.screenshot(screenshots + i);
                // What sticks out, should it fail: the deepest elements past the right edge.
                Object widths = ((JavascriptExecutor) browser).executeScript("""
                        const edge = document.documentElement.clientWidth;
                        const out = [...document.querySelectorAll('body *')]
                            .filter(e => e.getBoundingClientRect().right > edge + 0.5)
                            .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > edge + 0.5))
                            .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
                        return document.documentElement.scrollWidth + ' > ' + window.innerWidth + ': ' + out.join(', ');""");
                assertThat((Boolean) ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth <= window.innerWidth;"))
                        .as(paths[i] + " scrolls sideways: " + widths).isTrue();
            }
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebDriverWait wait(int seconds) {
        return chromium.waiting(seconds);
    }
}
