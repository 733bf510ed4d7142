package io.forkcast.web;

import org.openqa.selenium.JavascriptExecutor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the browser tests check on every page as it is: axe-core (the npm package, vendored under {@code axe-core/}
 * in the test resources) and its serious and critical violations, each as a line naming the rule and where; and
 * whether the page is wider than the window (on a phone: scrolls sideways), naming what sticks out.
 */
final class PageChecks {

    private static final String AXE = axeSource();

    private PageChecks() {
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

    /** A sentence naming the widest elements when the page is wider than the window; empty when it fits. */
    static java.util.Optional<String> tooWide(JavascriptExecutor js) {
        java.util.Map<?, ?> size = (java.util.Map<?, ?>) js.executeScript("""
                const wide = [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                        + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''));
                return {document: document.documentElement.scrollWidth, viewport: window.innerWidth,
                        wide: wide.join(', ')};""");
        long document = ((Number) size.get("document")).longValue();
        long viewport = ((Number) size.get("viewport")).longValue();
        return document > viewport ? java.util.Optional.of(document + " px wide on a " + viewport + " px screen ("
                + size.get("wide") + ")") : java.util.Optional.empty();
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
