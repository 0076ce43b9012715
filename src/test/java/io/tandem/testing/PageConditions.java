package io.tandem.testing;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import java.time.Duration;

/**
 * Waits on a condition a page can only answer asynchronously (getStats() of a peer connection, and the like).
 * Playwright's {@code waitForFunction} cannot: it takes the promise an async predicate returns for a truthy answer and
 * stops at once, whatever the promise later says. Here the predicate is evaluated (and awaited) again, through
 * {@link Poll}, until it answers {@code true}, or the test fails with what it waited for.
 */
public final class PageConditions {

    /** What a probe answers while the page is between documents: not yet true, ask the new one next time. */
    private static final Object NAVIGATING = "(the page was loading another document)";

    private PageConditions() {}

    /**
     * @param predicate a JavaScript function, possibly async, of {@code arg}; the wait ends when it answers true
     * @param what      what is waited for, for the failure message
     */
    public static void until(Page page, String predicate, Object arg, Duration timeout, String what) {
        Poll.until(timeout, () -> {
            try {
                return page.evaluate(predicate, arg);
            } catch (PlaywrightException e) {
                if (!String.valueOf(e.getMessage()).contains("Execution context was destroyed")) {
                    throw e;
                }
                return NAVIGATING;
            }
        }, Boolean.TRUE::equals, what);
    }

    public static void until(Page page, String predicate, Duration timeout, String what) {
        until(page, predicate, null, timeout, what);
    }
}
