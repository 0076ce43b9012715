package io.tandem.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One Chromium for the whole test JVM (started on first use, closed at exit), driven by Playwright for Java. It is the
 * system's Chromium found on PATH: Playwright's own browser download is not reachable here.
 */
public final class Browsers {

    private static Playwright playwright;
    private static Browser browser;

    private Browsers() {}

    public static synchronized Browser chromium() {
        if (browser == null) {
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            // The fake camera sends 10 frames a second rather than its default 20: a call of four encodes and
            // decodes twelve streams on the test machine's cores, and the tests ask that video is decoded, not how fast.
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable())
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                            "--use-fake-device-for-media-stream=fps=10", "--use-fake-ui-for-media-stream")));
            Runtime.getRuntime().addShutdownHook(new Thread(Browsers::close));
        }
        return browser;
    }

    /** A fresh, isolated browser profile (cookies, storage) at a desktop size. */
    public static BrowserContext context() {
        return chromium().newContext(new Browser.NewContextOptions().setViewportSize(1280, 860));
    }

    /**
     * A fresh, isolated browser profile at a desktop size whose browser speaks {@code locale} ("de-DE"): its
     * navigator.languages and Accept-Language, and Intl's default locale.
     */
    public static BrowserContext context(String locale) {
        return chromium().newContext(new Browser.NewContextOptions().setViewportSize(1280, 860).setLocale(locale));
    }

    /** A fresh, isolated browser profile with a given viewport (a laptop, a wide screen). */
    public static BrowserContext context(int width, int height) {
        return chromium().newContext(new Browser.NewContextOptions().setViewportSize(width, height));
    }

    /** A fresh profile as a phone: a 390×844 touch viewport (mobile layout, touch events), device scale factor 3. */
    public static BrowserContext phone() {
        return chromium().newContext(new Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true)
                .setHasTouch(true).setDeviceScaleFactor(3));
    }

    /**
     * Waits until the page has drawn its next frame: paces input (one pointer move per frame, as a hand would), where
     * a fixed 16 ms would be more or less than a frame depending on the machine's load.
     */
    public static void nextFrame(Page page) {
        page.evaluate("() => new Promise((resolve) => requestAnimationFrame(() => resolve()))");
    }

    /**
     * Saves a full-page screenshot of every page still open in this JVM's Chromium under
     * {@code target/screenshots/failures/<name>-<n>.png} (called by {@link FailureScreenshots} when a test fails);
     * returns the files written.
     */
    public static synchronized List<String> screenshotOpenPages(String name) {
        List<String> written = new ArrayList<>();
        if (browser == null) {
            return written;
        }
        Path dir = Path.of("target", "screenshots", "failures");
        int n = 0;
        for (BrowserContext context : browser.contexts()) {
            for (Page page : context.pages()) {
                Path file = dir.resolve(name + "-" + (++n) + ".png");
                try {
                    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true).setTimeout(5_000));
                    written.add(file.toAbsolutePath() + " (" + page.url() + ")");
                } catch (RuntimeException e) {
                    written.add("no screenshot of " + page.url() + ": " + e.getMessage().lines().findFirst()
                            .orElse(""));
                }
            }
        }
        return written;
    }

    private static synchronized void close() {
        if (playwright != null) {
            playwright.close();
            playwright = null;
            browser = null;
        }
    }

    private static Path executable() {
        String configured = System.getenv("TANDEM_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String name : new String[]{"chromium", "chromium-browser", "google-chrome"}) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                File candidate = new File(dir, name);
                if (candidate.canExecute()) {
                    return candidate.toPath();
                }
            }
        }
        throw new IllegalStateException("No Chromium on PATH (" + Arrays.toString(new String[]{"chromium",
                "chromium-browser", "google-chrome"}) + "); install it (apt-get install chromium) or set "
                + "TANDEM_CHROMIUM");
    }
}
