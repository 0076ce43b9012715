package io.tandem.testing;

import com.microsoft.playwright.Page;
import java.time.Duration;

/** What a page's video call receives, read from its peer connection's statistics (console, workspace or tile). */
public final class CallMedia {

    /** Video frames decoded from the other side so far, from the page's peer connection (an async function). */
    public static final String DECODED_VIDEO_FRAMES = """
            async () => {
              const call = window.__tandemCall;
              if (!call || !call.pc) return 0;
              const stats = await call.pc.getStats();
              let frames = 0;
              stats.forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded || 0; });
              return frames;
            }""";

    /**
     * True once the page's call (a mesh) has a connection to each of {@code arg} others and decodes video from every
     * one (an async predicate for {@link PageConditions#until}): the console's or workspace's call, or the tile's on a
     * page of the firm's site.
     */
    public static final String DECODES_FROM_EACH = """
            async (others) => {
              const call = window.__tandemCall || (window.__tandem && window.__tandem.call);
              if (!call || call.connections().size !== others) return false;
              for (const pc of call.connections().values()) {
                const stats = await pc.getStats();
                let frames = 0;
                stats.forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded || 0; });
                if (frames <= 0) return false;
              }
              return true;
            }""";

    private CallMedia() {}

    /** Video frames of the other side the page has decoded so far (page.evaluate awaits the stats). */
    public static int framesDecoded(Page page) {
        return ((Number) page.evaluate(DECODED_VIDEO_FRAMES)).intValue();
    }

    /**
     * Waits until the page's video is still being decoded {@code millis} after now (frames beyond those decoded now):
     * a call that must last whole seconds for the touchpoint, with media flowing the whole time.
     */
    public static void awaitMediaFor(Page page, long millis) {
        int seen = framesDecoded(page);
        long until = System.nanoTime() + Duration.ofMillis(millis).toNanos();
        Poll.until(Duration.ofMillis(millis + 20_000), () -> System.nanoTime() - until >= 0
                && framesDecoded(page) > seen, "video still decoded " + millis + " ms later");
    }
}
