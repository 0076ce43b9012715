package io.tandem.testing;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;

/**
 * Waits until a page's relay connections have settled: a heartbeat sent now has been answered and every reliable frame
 * sent before it is acknowledged (RelayConnection.settled). After it, whatever the page sent earlier has been handled by
 * the relay (so a refusal would already have closed the socket), and whatever the relay queued for the page before has
 * arrived. Tests use it before checking that something did not happen, instead of waiting a fixed time.
 */
public final class Relays {

    private Relays() {}

    /**
     * Settles every open relay connection of the page and of its frames (the advisor's own page on the stage is a frame
     * of the console); fails if there is none or one closes.
     */
    public static void settle(Page page) {
        int settled = 0;
        for (Frame frame : page.frames()) {
            if (frame != page.mainFrame() && !holdsConnections(frame)) {
                continue;
            }
            settled += settle(frame);
        }
        if (settled == 0) {
            throw new AssertionError("the page has no open relay connection to settle");
        }
    }

    private static boolean holdsConnections(Frame frame) {
        try {
            return !frame.isDetached() && ((Number) frame.evaluate("() => (window.__tandemRelays || []).length"))
                    .intValue() > 0;
        } catch (PlaywrightException e) {
            return false; // a mirror's sandboxed frame runs no script and holds no connection
        }
    }

    private static int settle(Frame frame) {
        if (frame.isDetached()) {
            return 0;
        }
        Object settled = frame.evaluate("""
                async () => {
                  const open = (window.__tandemRelays || []).filter((c) => !c.closedForGood && c.socket);
                  if (!open.length) return 0;
                  await Promise.all(open.map((c) => c.settled()));
                  return open.length;
                }""");
        return ((Number) settled).intValue();
    }
}
