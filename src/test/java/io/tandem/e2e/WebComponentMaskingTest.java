package io.tandem.e2e;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.relay.socket.FrameTap;
import io.tandem.testing.Browsers;
import io.tandem.testing.Handoff;
import io.tandem.testing.Poll;
import io.tandem.testing.StoredText;
import io.tandem.testing.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Masking through shadow roots, with web components from a real library (Shoelace, Lit-based, from npm, bundled for
 * the test pages only): a marked component, components in a masked container, blocked components and private-by-default
 * mode. Every canary is searched in four places: the frames the relay received, the advisor's mirror (its shadow
 * roots and input values too), the database with the decompressed recording, and the log.
 */
@QuarkusTest
class WebComponentMaskingTest {

    private static final String ADVISOR1 = TestTokens.advisor1();

    @TestHTTPResource("/")
    URI base;

    @Inject
    FrameTap tap;

    @Inject
    AgroalDataSource db;

    private final List<BrowserContext> contexts = new ArrayList<>();
    private final LogCapture log = new LogCapture();

    @AfterEach
    void close() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
        log.close();
    }

    private Page page(String initScript) {
        BrowserContext context = Browsers.context();
        contexts.add(context);
        if (initScript != null) {
            context.addInitScript(initScript);
        }
        return context.newPage();
    }

    private static String handoff(String sessionId, String credential) {
        return Handoff.fragment(credential);
    }

    private String base() {
        String b = base.toString();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    private String wire(String sessionId) {
        StringBuilder all = new StringBuilder();
        for (byte[] frame : tap.frames(UUID.fromString(sessionId))) {
            all.append(new String(frame, StandardCharsets.UTF_8)).append('\n');
        }
        return all.toString();
    }

    /** The mirror's markup with every shadow root and every field's value, however deep. */
    private static String mirror(Page console) {
        return (String) console.evaluate("""
                () => {
                  const out = [];
                  const walk = (root) => {
                    for (const el of root.querySelectorAll('*')) {
                      if ('value' in el && typeof el.value === 'string') out.push(el.value);
                      if (el.shadowRoot) { out.push(el.shadowRoot.innerHTML); walk(el.shadowRoot); }
                    }
                  };
                  const doc = document.querySelector('#mirror iframe').contentDocument;
                  out.push(doc.documentElement.outerHTML);
                  walk(doc);
                  return out.join('\\n');
                }""");
    }

    @Test
    void canariesInsideWebComponentsNeverLeaveTheCustomersBrowser() throws Exception {
        JsonPath created = newSession(ADVISOR1, "Component Carla");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        Page customer = page(null);
        customer.navigate(base() + "/test-pages/components.html" + handoff(id, credential));
        customer.waitForFunction("() => window.__tandem && window.__tandem.connection === 'open'"
                + " && customElements.get('sl-input') && document.querySelector('#open').shadowRoot");
        // two canaries typed before the advisor looks (they reach the advisor in the keyframe), two after
        customer.locator("#marked input").pressSequentially("CNRYwcMarked");
        customer.locator("#wrapped-notes textarea").pressSequentially("CNRYwcNotes");
        Page console = page("sessionStorage.setItem('tandem.staff', JSON.stringify({access: '" + ADVISOR1
                + "', exp: 4102444800}))");
        console.navigate(base() + "/console/?session=" + id);
        console.waitForFunction("() => { const f = document.querySelector('#mirror iframe');"
                + " return f && f.contentDocument && f.contentDocument.querySelector('#preselected'); }", null,
                new Page.WaitForFunctionOptions().setTimeout(15_000));
        customer.locator("#wrapped input").pressSequentially("CNRYwcWrapped");
        customer.locator("#blocked-input input").pressSequentially("CNRYwcBlocked");
        // typed last, so once it is at the server and in the mirror everything typed before it has been through
        customer.locator("#open input").pressSequentially("VISIBLEcomponent");
        Poll.until(Duration.ofSeconds(10), () -> wire(id).contains("VISIBLEcomponent"),
                "the ordinary component's input at the server");
        console.waitForFunction("() => { const d = document.querySelector('#mirror iframe').contentDocument;"
                + " const h = d.querySelector('#open'); const i = h && h.shadowRoot && h.shadowRoot.querySelector('input');"
                + " return i && i.value === 'VISIBLEcomponent'; }", null,
                new Page.WaitForFunctionOptions().setTimeout(10_000));

        String marker = "components-" + UUID.randomUUID();
        as(ADVISOR1).body(Map.of("outcome", "resolved", "notes", marker)).post("/api/sessions/" + id + "/end").then()
                .statusCode(200);
        Poll.until(Duration.ofSeconds(15), () -> StoredText.finalChunks(db, id) > 0,
                "the recording's last chunk stored");

        String received = wire(id);
        String mirrored = mirror(console);
        String recorded = StoredText.recording(db, id);
        assertTrue(received.contains("VISIBLEcomponent"), "control: the tap sees an ordinary component's input");
        assertTrue(mirrored.contains("VISIBLEcomponent"), "control: the mirror shows it");
        assertTrue(recorded.contains("VISIBLEcomponent"), "control: the recording holds it");
        List<String> secrets = List.of("CNRYwcMarked", "CNRYwcNotes", "CNRYwcWrapped", "CNRYwcBlocked",
                "CNRYblockedSlot");
        for (String canary : secrets) {
            assertFalse(received.contains(canary), canary + " reached the server");
            assertFalse(mirrored.contains(canary), canary + " reached the advisor's mirror");
            assertFalse(recorded.contains(canary), canary + " is in the stored recording");
            assertEquals(List.of(), StoredText.databaseHolding(db, canary), canary + " is in the database");
            assertFalse(log.contains(canary), canary + " is in the log");
        }
        assertEquals("two", console.evaluate("() => document.querySelector('#mirror iframe').contentDocument"
                + ".querySelector('#preselected').value"),
                "the option chosen in the page's HTML is chosen in the mirror");

        // the supervisor's replay, opened and not played: components are styled at 0:00 (their adopted style
        // sheets come in the batch after the snapshot)
        Page supervisor = page("sessionStorage.setItem('tandem.staff', JSON.stringify({access: '"
                + TestTokens.supervisor1() + "', exp: 4102444800}))");
        supervisor.navigate(base() + "/supervisor/");
        supervisor.fill("#filters [name=notes]", marker);
        supervisor.click("#filters button[type=submit]");
        supervisor.locator("#session-table tbody tr[data-id='" + id + "'] button.replay").click();
        supervisor.waitForFunction("() => { const f = document.querySelector('#player iframe');"
                + " const h = f && f.contentDocument && f.contentDocument.querySelector('#open');"
                + " return h && h.shadowRoot; }", null, new Page.WaitForFunctionOptions().setTimeout(15_000));
        assertEquals(Boolean.TRUE, supervisor.evaluate("() => { const d = document.querySelector('#player iframe')"
                + ".contentDocument; const r = d.querySelector('#open').shadowRoot;"
                + " return r.adoptedStyleSheets.length > 0 || r.querySelectorAll('style').length > 0; }"),
                "the replay opened at its start shows the components with their style sheets");
        // the replay's clock runs from the session's start; it opens at the first page, not later than the style
        // events that follow its snapshot
        List<?> opened = (List<?>) supervisor.evaluate("() => { const r = window.__tandemReplay;"
                + " return [r.replayer.getCurrentTime(), r.first - r.start]; }");
        double at = ((Number) opened.get(0)).doubleValue();
        double firstPage = ((Number) opened.get(1)).doubleValue();
        assertTrue(at > firstPage && at <= firstPage + 1001,
                "the replay opens just past the first page's snapshot (" + firstPage + " ms), not at " + at + " ms");
    }

    @Test
    void privateByDefaultHidesComponentsOutsideTheAllowList() {
        JsonPath created = newSession(ADVISOR1, "Private " + UUID.randomUUID());
        String id = created.getString("id");
        Page customer = page(null);
        customer.navigate(base() + "/test-pages/components-private.html"
                + handoff(id, admit(created.getString("code"))));
        customer.waitForFunction("() => window.__tandem && window.__tandem.connection === 'open'"
                + " && document.querySelector('#closed').shadowRoot");
        customer.locator("#closed input").pressSequentially("CNRYwcClosed");
        customer.locator("#revealed input").pressSequentially("VISIBLErevealed");
        Poll.until(Duration.ofSeconds(10), () -> wire(id).contains("VISIBLErevealed"),
                "the revealed component's input at the server");
        String received = wire(id);
        assertTrue(received.contains("VISIBLEheading"), "revealed text is shared");
        assertFalse(received.contains("CNRYwcClosed"), "a component outside the allow-list is masked");
        assertFalse(received.contains("CNRYbadge"), "text outside the allow-list is masked");
    }

    /** Every log record while the test runs (the app under test logs in this JVM). */
    private static final class LogCapture extends Handler {
        private final List<String> lines = new CopyOnWriteArrayList<>();

        LogCapture() {
            java.util.logging.Logger.getLogger("").addHandler(this);
        }

        boolean contains(String text) {
            return lines.stream().anyMatch(line -> line.contains(text));
        }

        @Override
        public void publish(LogRecord r) {
            lines.add(r.getMessage() + " " + (r.getParameters() == null ? "" : List.of(r.getParameters()))
                    + (r.getThrown() == null ? "" : " " + r.getThrown()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            java.util.logging.Logger.getLogger("").removeHandler(this);
        }
    }
}
