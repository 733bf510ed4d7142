package io.forkcast.support;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;

/**
 * The system's headless Chromium, driven by the system's chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}). Both paths are given explicitly, so Selenium never looks for, nor downloads, a browser
 * or a driver. Each instance has its own fresh profile directory, deleted on {@link #close}.
 */
public final class Chromium implements AutoCloseable {

    public static final Path BROWSER = Path.of(System.getProperty("forkcast.test.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("forkcast.test.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    public Chromium() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("The dashboard tests need the system's Chromium and chromedriver at "
                    + BROWSER + " and " + DRIVER + " (Debian: apt-get install chromium chromium-driver).");
        }
        try {
            profile = Files.createTempDirectory("forkcast-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Waits up to {@code seconds} for a condition; an element replaced meanwhile (an htmx swap, a page that loads
     * after a form was sent) is asked again.
     */
    public WebDriverWait waiting(int seconds) {
        WebDriverWait wait = new ReplacedElementsAskedAgain(driver, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * An element found in the page that is being replaced can be reported by chromedriver as an "unknown error"
     * ("Node with given id does not belong to the document") rather than as a stale element: the same race, so it is
     * treated as one.
     */
    private static final class ReplacedElementsAskedAgain extends WebDriverWait {

        ReplacedElementsAskedAgain(WebDriver driver, Duration timeout) {
            super(driver, timeout);
        }

        @Override
        public <V> V until(Function<? super WebDriver, ? extends V> condition) {
            return super.until(driver -> {
                try {
                    return condition.apply(driver);
                } catch (WebDriverException e) {
                    if (!(e instanceof StaleElementReferenceException) && e.getMessage() != null
                            && e.getMessage().contains("does not belong to the document")) {
                        throw new StaleElementReferenceException("The element was replaced", e);
                    }
                    throw e;
                }
            });
        }
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.move(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteRecursively(profile);
        }
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A profile left in the temporary directory is harmless.
        }
    }
}
