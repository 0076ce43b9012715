package io.tandem.e2e;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.relay.socket.FrameTap;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.Handoff;
import io.tandem.testing.Poll;
import io.tandem.testing.Relays;
import io.tandem.testing.TestPorts;
import io.tandem.testing.TestTokens;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A frame from another origin that carries tandem.js and trusts the framing page (data-tandem-frame-parents) is
 * mirrored inside it, with its own masking and the framing page's both applied; a frame that does not trust the page,
 * or that the page blocks, stays a labelled placeholder and sends nothing. The framing page is served from
 * localhost, its frames from 127.0.0.1 (test-pages/frames.html and frame-child.html).
 */
@QuarkusTest
class CrossOriginFrameTest {

    private static final String BASE = TestPorts.base();
    private static final String ADVISOR1 = TestTokens.advisor1();

    @Inject
    FrameTap tap;

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    record Shared(String id, Page customer, Page console) {}

    /** The customer shares test-pages/frames.html; the advisor's console mirrors it. */
    private Shared share(String name) {
        JsonPath created = newSession(ADVISOR1, name);
        String id = created.getString("id");
        Page customer = pages.anonymous();
        customer.navigate(BASE + "/test-pages/frames.html" + Handoff.fragment(admit(created.getString("code"))));
        customer.waitForFunction("() => window.__tandem && window.__tandem.sharing === true");
        Page console = pages.staff(ADVISOR1);
        console.navigate(BASE + "/console/?session=" + id);
        return new Shared(id, customer, console);
    }

    /** The frame of the customer's page loaded from frame-child.html with this name. */
    private static Frame child(Page customer, String name) {
        return Poll.until(Duration.ofSeconds(10), () -> customer.frames().stream()
                .filter(f -> f.url().contains("frame-child.html") && f.url().contains("name=" + name)).findFirst()
                .orElse(null), f -> f != null, "the frame " + name);
    }

    /** tandem.js's state in a frame, once it has booted there. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> tandemIn(Frame frame) {
        frame.waitForFunction("() => Boolean(window.__tandem)");
        return (Map<String, Object>) frame.evaluate("() => ({ state: window.__tandem.state,"
                + " recording: Boolean(window.__tandem.recording), help: Boolean(window.__tandem.help) })");
    }

    /** Waits until the mirror's copy of a frame of the customer's page contains the text. */
    private static void mirroredFrameShows(Page console, String frameId, String text) {
        console.waitForFunction("""
                ([id, text]) => {
                  const mirror = document.querySelector('#mirror iframe');
                  const frame = mirror && mirror.contentDocument && mirror.contentDocument.getElementById(id);
                  const doc = frame && frame.contentDocument;
                  return Boolean(doc && doc.body) && doc.body.textContent.includes(text)
                    && !frame.hasAttribute('data-tandem-placeholder');
                }""", List.of(frameId, text), new Page.WaitForFunctionOptions().setTimeout(15_000));
    }

    /** Waits until the mirror's copy of a frame of the customer's page holds an element (its text may be masked). */
    private static void mirroredFrameHas(Page console, String frameId, String selector) {
        console.waitForFunction("""
                ([id, selector]) => {
                  const mirror = document.querySelector('#mirror iframe');
                  const frame = mirror && mirror.contentDocument && mirror.contentDocument.getElementById(id);
                  const doc = frame && frame.contentDocument;
                  return Boolean(doc && doc.querySelector(selector)) && !frame.hasAttribute('data-tandem-placeholder');
                }""", List.of(frameId, selector), new Page.WaitForFunctionOptions().setTimeout(15_000));
    }

    /** The mirror's copy of a frame: its placeholder mark, and the HTML and input values of its document. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> mirroredFrame(Page console, String frameId) {
        return (Map<String, Object>) console.evaluate("""
                (id) => {
                  const frame = document.querySelector('#mirror iframe').contentDocument.getElementById(id);
                  const doc = frame.contentDocument;
                  const html = doc && doc.documentElement ? doc.documentElement.outerHTML : '';
                  const values = doc ? [...doc.querySelectorAll('input')].map((el) => el.value).join(' ') : '';
                  return { placeholder: frame.getAttribute('data-tandem-placeholder'), html, values,
                    label: decodeURIComponent(getComputedStyle(frame).backgroundImage) };
                }""", frameId);
    }

    private String everythingTheServerReceived(String sessionId) {
        StringBuilder all = new StringBuilder();
        for (byte[] frame : tap.frames(UUID.fromString(sessionId))) {
            all.append(new String(frame, StandardCharsets.UTF_8)).append('\n');
        }
        return all.toString();
    }

    @Test
    void aTrustingFrameIsMirroredWithBothPagesMaskingAndOthersSendNothing() {
        Shared s = share("Frame Fiona");
        Page customer = s.customer();
        Page console = s.console();

        // the trusting child shares nothing of its own: no session, no "Get help"; the untrusting one is a page of
        // its own, as before; the blocked one is never asked
        Map<String, Object> calculator = tandemIn(child(customer, "calculator"));
        assertEquals("frame", calculator.get("state"));
        assertEquals(false, calculator.get("help"), "no Get help inside a trusting frame");
        Map<String, Object> untrusted = tandemIn(child(customer, "untrusted"));
        assertEquals("idle", untrusted.get("state"), "a frame that does not trust the page behaves as today");

        mirroredFrameShows(console, "calculator", "calculator-frame-text");
        mirroredFrameHas(console, "masked", "#title"); // its words are masked
        child(customer, "calculator").waitForFunction("() => window.__tandem.recording === true");
        child(customer, "masked").waitForFunction("() => window.__tandem.recording === true");
        assertEquals(false, tandemIn(child(customer, "blocked")).get("recording"), "a blocked frame is not asked");

        Frame calc = child(customer, "calculator");
        calc.locator("#amount").pressSequentially("VISIBLEframeTyped");
        calc.locator("#account").pressSequentially("CNRYframeAccount"); // the child's own data-tandem-mask
        child(customer, "masked").locator("#amount").pressSequentially("CNRYmaskedAmount"); // the parent's mask
        child(customer, "blocked").locator("#amount").pressSequentially("CNRYblockedAmount");
        child(customer, "untrusted").locator("#amount").pressSequentially("CNRYuntrustedAmount");
        console.waitForFunction("""
                () => document.querySelector('#mirror iframe').contentDocument.getElementById('calculator')
                  .contentDocument.getElementById('amount').value === 'VISIBLEframeTyped'""");
        // frames the page did not ask post rrweb's own message shape to it (rrweb alone would merge them: it accepts
        // any frame it has serialised), a page and a change naming the calculator's frame
        String forged = """
                (name) => {
                  const event = (type, data) => ({ type: 'rrweb', origin: location.origin, isCheckout: false,
                    event: { type, timestamp: Date.now(), data } });
                  const text = { type: 3, id: 2, textContent: 'CNRYinjected-' + name };
                  parent.postMessage(event(2, { node: { type: 0, id: 1, childNodes: [text] },
                    initialOffset: { top: 0, left: 0 } }), '*');
                  parent.postMessage(event(3, { source: 0, adds: [], removes: [], attributes: [],
                    texts: [{ id: 2, value: 'CNRYinjected-' + name }] }), '*');
                }""";
        child(customer, "untrusted").evaluate(forged, "untrusted");
        child(customer, "blocked").evaluate(forged, "blocked");
        // a later change of the calculator: once the server has it, whatever the frames sent before has come too
        calc.evaluate("() => { const p = document.createElement('p'); p.textContent = 'VISIBLEframeMarker';"
                + " document.body.append(p); }");
        mirroredFrameShows(console, "calculator", "VISIBLEframeMarker");
        Relays.settle(customer);

        String received = everythingTheServerReceived(s.id());
        assertTrue(received.contains("calculator-frame-text"), "control: the trusting frame's page is sent");
        assertTrue(received.contains("VISIBLEframeTyped"), "control: input in the trusting frame is sent");
        for (String canary : List.of("CNRYframeAccount", "CNRYmaskedAmount", "CNRYblockedAmount",
                "CNRYuntrustedAmount", "CNRYinjected", "masked-frame-text", "blocked-frame-text",
                "untrusted-frame-text")) {
            assertFalse(received.contains(canary), canary + " reached the server");
        }

        Map<String, Object> masked = mirroredFrame(console, "masked");
        assertFalse(((String) masked.get("html")).contains("masked-frame-text"));
        assertTrue(((String) masked.get("html")).contains("•"), "the masked frame's text is masked, not dropped");
        Map<String, Object> other = mirroredFrame(console, "untrusted");
        assertEquals("frame", other.get("placeholder"), "the untrusting frame stays a placeholder");
        assertTrue(((String) other.get("label")).contains("Content from another site is not shown"));
        assertFalse(((String) other.get("html")).contains("Loan calculator"), "nothing of it is in the mirror");
        assertTrue(((String) other.get("html")).matches("(?s).*<body></body>.*"),
                "the untrusting frame holds the mirror's own empty page, not one it posted: " + other.get("html"));
        // the blocked frame is the usual placeholder of a blocked element (which keeps no id)
        Object blocked = console.evaluate(
                """
                                  () => [...document.querySelector('#mirror iframe').contentDocument
                                    .querySelectorAll('iframe[data-tandem-placeholder=inline], iframe[data-tandem-placeholder=block]')]
                            .map((f) => f.contentDocument && f.contentDocument.documentElement
                        ? f.contentDocument.documentElement.outerHTML : 'no document element')""");
        assertEquals(1, ((List<?>) blocked).size(), "one blocked frame: " + blocked);
        assertFalse(blocked.toString().contains("Loan calculator"), "nothing of the blocked frame");
        assertTrue(blocked.toString().contains("<body></body>"),
                "the blocked frame holds the mirror's own empty page, not one it posted: " + blocked);
        Map<String, Object> calcMirror = mirroredFrame(console, "calculator");
        assertFalse(((String) calcMirror.get("html")).contains("CNRY"), "the child's masked field stays masked");
        assertFalse(((String) calcMirror.get("values")).contains("CNRY"));
    }

    @Test
    void framesFollowANewSnapshotOfThePageAndANavigationInsideTheFrame() {
        Shared s = share("Frame Felix");
        Page customer = s.customer();
        Page console = s.console();
        mirroredFrameShows(console, "calculator", "calculator-frame-text");
        mirroredFrameHas(console, "masked", "#title");

        // a new full snapshot (the advisor puts the customer's page on the stage again: the server asks for one): the
        // mirror starts afresh, and the frames are asked for theirs again, so they do not go empty
        console.evaluate("() => { document.querySelector('#mirror iframe').dataset.before = 'yes'; }");
        console.evaluate("() => window.__tandemRelays.find((c) => !c.closedForGood)"
                + ".sendControl('sys.stage', JSON.stringify({ mode: 'customer' }))");
        console.waitForFunction("() => { const f = document.querySelector('#mirror iframe');"
                + " return Boolean(f) && !f.dataset.before; }");
        mirroredFrameShows(console, "calculator", "calculator-frame-text");
        mirroredFrameHas(console, "masked", "#title");

        // the calculator's frame goes to a page without tandem.js: the mirror shows the placeholder, not the old page
        customer.evaluate("(url) => { document.getElementById('calculator').src = url; }",
                "http://127.0.0.1:" + TestPorts.http() + "/test-pages/partner-frame.html");
        console.waitForFunction("""
                () => {
                  const frame = document.querySelector('#mirror iframe').contentDocument.getElementById('calculator');
                  const doc = frame && frame.contentDocument;
                  return Boolean(frame) && frame.getAttribute('data-tandem-placeholder') === 'frame'
                    && !(doc && doc.documentElement && doc.documentElement.outerHTML.includes('calculator-frame-text'));
                }""", null, new Page.WaitForFunctionOptions().setTimeout(15_000));
        mirroredFrameHas(console, "masked", "#title"); // asked again after that snapshot too

        // and back to a page with tandem.js: mirrored again
        customer.evaluate("(url) => { document.getElementById('calculator').src = url; }",
                "http://127.0.0.1:" + TestPorts.http() + "/test-pages/frame-child.html?trust=parent&name=again");
        mirroredFrameShows(console, "calculator", "again-frame-text");
        Relays.settle(customer);
        assertFalse(everythingTheServerReceived(s.id()).contains("CNRY-partner"),
                "the page without tandem.js sent nothing");

        // the frame's events are in the page's recording: the replay, seeked to the end, shows the frame's last page
        as(ADVISOR1).body(Map.of("outcome", "resolved", "notes", "Frames")).post("/api/sessions/" + s.id() + "/end")
                .then().statusCode(200);
        Poll.until(Duration.ofSeconds(10), () -> as(TestTokens.supervisor1()).get("/api/sessions/" + s.id()
                + "/recording/verify").then().statusCode(200).extract().jsonPath().getBoolean("complete"),
                "the recording complete");
        Page supervisor = pages.staff(TestTokens.supervisor1());
        supervisor.navigate(BASE + "/supervisor/?replay=" + s.id());
        supervisor.waitForFunction("() => window.__tandemReplay && window.__tandemReplay.replayer");
        supervisor.evaluate("() => { const r = window.__tandemReplay.replayer; r.pause(r.getMetaData().totalTime); }");
        supervisor.waitForFunction("""
                () => {
                  const player = document.querySelector('#player iframe');
                  const frame = player && player.contentDocument && player.contentDocument.getElementById('calculator');
                  const doc = frame && frame.contentDocument;
                  return Boolean(doc && doc.body) && doc.body.textContent.includes('again-frame-text');
                }""", null, new Page.WaitForFunctionOptions().setTimeout(15_000));
    }

    @Test
    void aFramesChangeOverTheRelaysMessageLimitPutsTheFrameBackToItsPlaceholderAndTheSharingGoesOn() {
        Shared s = share("Frame Flora");
        Page customer = s.customer();
        Page console = s.console();
        mirroredFrameShows(console, "calculator", "calculator-frame-text");
        // 300 000 characters in one change: over the relay's 256 KiB message limit (it would close the page's
        // connection with 4413)
        child(customer, "calculator").evaluate("() => { const p = document.createElement('p');"
                + " p.textContent = 'VISIBLElong'.repeat(30000); document.body.append(p); }");
        console.waitForFunction("""
                () => {
                  const frame = document.querySelector('#mirror iframe').contentDocument.getElementById('calculator');
                  return Boolean(frame) && frame.getAttribute('data-tandem-placeholder') === 'frame';
                }""", null, new Page.WaitForFunctionOptions().setTimeout(15_000));
        mirroredFrameHas(console, "masked", "#title");
        Relays.settle(customer); // fails if the page's connection was closed
        assertEquals("open", customer.evaluate("() => window.__tandem.connection"));
        customer.evaluate("() => { const p = document.createElement('p'); p.textContent = 'VISIBLEafterLong';"
                + " document.body.append(p); }");
        console.waitForFunction("() => document.querySelector('#mirror iframe').contentDocument.body.textContent"
                + ".includes('VISIBLEafterLong')");
    }
}
