package io.forkcast.web;

import io.forkcast.support.Chromium;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the browser tests check of every page, at a laptop's size and at a phone's (390 × 844): on the phone the
 * page is no wider than the screen, and axe-core (vendored under {@code axe-core/} in the test resources) finds no
 * serious or critical violation at either size, and no word of a table or of figures is broken across lines on the
 * phone ({@link #wordsBrokenInFigures}). What is found is collected in {@link #problems()}; a screenshot of each page
 * at both sizes goes to {@code target/screenshots/}.
 */
final class PageChecks {

    static final Dimension LAPTOP = new Dimension(1280, 1000);
    static final Dimension PHONE = new Dimension(390, 844);

    private static final String AXE = axeSource();

    private final Chromium chromium;
    private final ChromeDriver browser;
    private final List<String> problems = new ArrayList<>();

    PageChecks(Chromium chromium) {
        this.chromium = chromium;
        this.browser = chromium.driver();
    }

    /** Opens the page at both sizes and checks it. */
    void check(String name, String url) {
        browser.manage().window().setSize(LAPTOP);
        browser.get(url);
        audit(name + "-laptop");
        browser.manage().window().setSize(PHONE);
        browser.get(url);
        fitsThePhone(name);
        audit(name + "-phone");
        browser.manage().window().setSize(LAPTOP);
    }

    /** The page as it is now (a one-time secret on it: not opened again), at both sizes. */
    void checkCurrent(String name) {
        audit(name + "-laptop");
        browser.manage().window().setSize(PHONE);
        fitsThePhone(name);
        audit(name + "-phone");
        browser.manage().window().setSize(LAPTOP);
    }

    List<String> problems() {
        return problems;
    }

    /** On the phone: no wider than the screen, and no word of a table or figures broken across lines. */
    private void fitsThePhone(String name) {
        tooWide(js()).ifPresent(wide -> problems.add(name + ": " + wide));
        wordsWhole(name);
    }

    private void wordsWhole(String name) {
        List<String> broken = wordsBrokenInFigures(js());
        if (!broken.isEmpty()) {
            problems.add(name + "-phone: words broken across lines in a table or figures: " + broken);
        }
    }

    /**
     * The words of tables' cells and of figures ({@code dl.totals}) that the page breaks across two lines ("Po" /
     * "sts" in a narrow column); hidden ones (a chart's table for screen readers) are not looked at. A word is what
     * lies between spaces and dashes (where a line may end); one whose pieces sit on different lines is broken.
     */
    static List<String> wordsBrokenInFigures(JavascriptExecutor js) {
        Object broken = js.executeScript("""
                const broken = [];
                for (const cell of document.querySelectorAll('main th, main td, main dl.totals dt, main dl.totals dd')) {
                    if (cell.closest('.visually-hidden') || cell.getClientRects().length === 0) continue;
                    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                        for (const word of node.data.matchAll(/[^\\s\\-–—]+/g)) {
                            const range = document.createRange();
                            range.setStart(node, word.index);
                            range.setEnd(node, word.index + word[0].length);
                            const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                .map(r => Math.round(r.top)));
                            if (lines.size > 1) broken.push(word[0]);
                        }
                    }
                }
                return broken.slice(0, 10);""");
        return ((List<?>) broken).stream().map(String::valueOf).toList();
    }

    /**
     * A sentence naming the widest elements when the page is wider than the window less its scroll bar (what it
     * lays out in, so a page that fits only under the scroll bar still scrolls sideways); empty when it fits.
     */
    static Optional<String> tooWide(JavascriptExecutor js) {
        Map<?, ?> size = (Map<?, ?>) js.executeScript("""
                const edge = document.documentElement.clientWidth;
                const wide = [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > edge + 1)
                    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                        + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''));
                return {document: document.documentElement.scrollWidth, viewport: edge,
                        wide: wide.join(', ')};""");
        long document = ((Number) size.get("document")).longValue();
        long viewport = ((Number) size.get("viewport")).longValue();
        return document > viewport ? Optional.of(document + " px wide on a " + viewport + " px screen ("
                + size.get("wide") + ")") : Optional.empty();
    }

    /** axe-core on the page; serious and critical violations are recorded, then a screenshot. */
    private void audit(String name) {
        seriousViolations().forEach(violation -> problems.add(name + ": " + violation));
        chromium.screenshot(name);
    }

    List<String> seriousViolations() {
        return seriousViolations(js());
    }

    /** What axe-core finds serious or critical on the page as it is; a run that checked no rule is a failure too. */
    static List<String> seriousViolations(JavascriptExecutor js) {
        js.executeScript(AXE);
        Object found = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.passes.length === 0
                    ? ['axe checked no rule'] : r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                        + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))),
                    e => done(['axe failed: ' + e]));""");
        return ((List<?>) found).stream().map(String::valueOf).toList();
    }

    private JavascriptExecutor js() {
        return browser;
    }

    private static String axeSource() {
        try (InputStream in = PageChecks.class.getResourceAsStream("/axe-core/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe-core/axe.min.js is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
