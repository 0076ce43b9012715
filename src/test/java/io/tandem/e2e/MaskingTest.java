package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.relay.socket.FrameTap;
import io.tandem.testing.Browsers;
import io.tandem.testing.Handoff;
import io.tandem.testing.Poll;
import io.tandem.testing.LogLines;
import io.tandem.testing.RelayClient;
import io.tandem.testing.Relays;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Masking you can verify: canaries typed into every kind of private field never reach the server (every received
 * frame is tapped in test mode), the advisor's mirror, the database (every text column), the decompressed recording
 * nor the log, on every known leak path; a canary in a normal field does reach the wire, the mirror and the recording,
 * which proves each search sees what it should.
 */
@QuarkusTest
class MaskingTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADVISOR1 = TestTokens.advisor1();

    @TestHTTPResource("/")
    URI base;

    @Inject
    FrameTap tap;

    @Inject
    AgroalDataSource db;

    private final List<BrowserContext> contexts = new ArrayList<>();

    @AfterEach
    void close() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
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

    private String everythingTheServerReceived(String sessionId) {
        StringBuilder all = new StringBuilder();
        for (byte[] frame : tap.frames(UUID.fromString(sessionId))) {
            all.append(new String(frame, StandardCharsets.UTF_8)).append('\n');
        }
        return all.toString();
    }

    /**
     * Adds a paragraph after everything typed on the page and waits until the server has it: frames arrive in order,
     * so whatever the page sent about the typing before it (a leaked canary) has arrived by then too.
     */
    private void laterFrameArrives(Page page, String sessionId) {
        String marker = "VISIBLEmarker" + UUID.randomUUID().toString().substring(0, 8);
        page.evaluate("(m) => { const p = document.createElement('p'); p.textContent = m; document.body.append(p); }",
                marker);
        Poll.until(Duration.ofSeconds(5), () -> everythingTheServerReceived(sessionId).contains(marker),
                "the server received the page's later change");
    }

    private static String mirrorContents(Page console) {
        return (String) console.evaluate("""
                () => {
                  const doc = document.querySelector('#mirror iframe').contentDocument;
                  const values = [...doc.querySelectorAll('input, textarea, select')]
                    .map((el) => el.value + ' ' + (el.getAttribute('value') || ''));
                  return doc.documentElement.outerHTML + '\\n' + values.join('\\n');
                }""");
    }

    @Test
    void canariesInEveryPrivateFieldNeverLeaveTheCustomersBrowser() throws Exception {
        try (LogLines log = new LogLines()) {
            canariesNeverLeave(log);
        }
    }

    private void canariesNeverLeave(LogLines log) throws Exception {
        JsonPath created = newSession(ADVISOR1, "Canary Carla");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        Map<String, String> secrets = Map.of(
                "#password", "CNRYpasswordA",
                "#card-number", "4111CNRYcard0001",
                "#card-expiry", "CNRYexp",
                "#card-cvc", "CNRYcvc",
                "#ni-number", "CNRYnino",
                "#medical-notes", "CNRYmedical");
        Page customer = page(null);
        customer.navigate(BASE + "/demo/quote.html" + handoff(id, credential));
        customer.waitForFunction("() => window.__tandem && window.__tandem.connection === 'open'");
        Page console = page("sessionStorage.setItem('tandem.staff', JSON.stringify({access: '" + ADVISOR1
                + "', exp: 4102444800}))");
        console.navigate(BASE + "/console/?session=" + id);
        FrameLocator mirror = console.frameLocator("#mirror iframe");
        assertThat(mirror.locator("#card-number")).isAttached(
                new LocatorAssertions.IsAttachedOptions().setTimeout(10_000));

        customer.locator("#full-name").pressSequentially("VISIBLEcontrol");
        secrets.forEach((selector, canary) -> customer.locator(selector).pressSequentially(canary));
        customer.click("#notes-editable");
        customer.keyboard().type("CNRYeditable");
        // show-password toggle: the field becomes type=text and more is typed into it
        customer.click("#show-password");
        customer.locator("#password").pressSequentially("CNRYafterToggle");
        customer.click("#show-password");
        // a framework-controlled input mirrors its value into the value attribute (the demo page does this for
        // the card number on every keystroke): the attribute mutation path
        customer.evaluate("() => document.querySelector('#card-expiry').setAttribute('value', 'CNRYattribute')");

        // a snapshot taken mid-typing: a stage change makes the server ask the customer's browser for a new one
        try (RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello()) {
            advisor.send("sys.stage", 0, null, "{\"mode\":\"customer\"}");
            advisor.await("dom.snap");
        }
        assertThat(mirror.locator("#full-name")).hasValue("VISIBLEcontrol",
                new LocatorAssertions.HasValueOptions().setTimeout(5000));
        Relays.settle(customer); // everything the customer's page sent has reached the relay

        String received = everythingTheServerReceived(id);
        String mirrored = mirrorContents(console);
        assertTrue(received.contains("VISIBLEcontrol"), "control: the tap sees ordinary input");
        assertTrue(mirrored.contains("VISIBLEcontrol"), "control: the mirror shows ordinary input");
        List<String> canaries = new ArrayList<>(secrets.values());
        canaries.addAll(List.of("CNRYeditable", "CNRYafterToggle", "CNRYattribute", "csrf-SECRET-0000", "12,340.56",
                "CNRY"));
        for (String canary : canaries) {
            assertFalse(received.contains(canary), canary + " reached the server");
            assertFalse(mirrored.contains(canary), canary + " reached the advisor's mirror");
        }
        assertTrue(received.contains("dom.snap"), "snapshots were taken while the fields held their values");
        // the blocked balance panel is an empty placeholder of the same size in the mirror (rrweb keeps only its size)
        var box = customer.locator("#balance-panel").boundingBox();
        Object placeholder = console.evaluate("""
                ([w, h]) => [...document.querySelector('#mirror iframe').contentDocument.querySelectorAll('[style]')]
                  .some((el) => Math.abs(parseFloat(el.style.width) - w) < 1
                    && Math.abs(parseFloat(el.style.height) - h) < 1 && el.textContent === '')""",
                List.of(box.width, box.height));
        assertTrue(Boolean.TRUE.equals(placeholder), "a same-size placeholder stands in for the blocked panel");

        // what is kept: the session's notes, every text column of the database, the stored recording, the log
        as(ADVISOR1).body(Map.of("outcome", "resolved", "notes", "canaries")).post("/api/sessions/" + id + "/end")
                .then().statusCode(200);
        Poll.until(Duration.ofSeconds(15), () -> StoredText.finalChunks(db, id) > 0, "the recording's last chunk");
        String recorded = StoredText.recording(db, id);
        assertTrue(recorded.contains("VISIBLEcontrol"), "control: the recording holds ordinary input");
        for (String canary : canaries) {
            assertFalse(recorded.contains(canary), canary + " is in the stored recording");
            assertTrue(log.containing(canary).isEmpty(), canary + " is in the log: " + log.containing(canary));
        }
        for (String canary : canaries.subList(0, canaries.size() - 2)) { // the specific ones: shared tables
            assertEquals(List.of(), StoredText.databaseHolding(db, canary), canary + " is in the database");
        }
    }

    private String share(Page page, String path) {
        JsonPath created = newSession(ADVISOR1, "Mode " + UUID.randomUUID());
        String id = created.getString("id");
        page.navigate(BASE + path + handoff(id, admit(created.getString("code"))));
        page.waitForFunction("() => window.__tandem && window.__tandem.connection === 'open'");
        return id;
    }

    @Test
    void privateByDefaultRevealsOnlyTheAllowList() {
        // a site page (served from the test classpath) whose tandem.js tag carries data-tandem-private
        Page page = page(null);
        String id = share(page, "/test-pages/private-mode.html");
        page.locator("#closed").pressSequentially("CNRYclosedInput");
        // typed after the canary into a revealed input: once the server has it, the canary's frames have come too
        page.locator("#open").pressSequentially("VISIBLEinput");
        Poll.until(Duration.ofSeconds(5), () -> everythingTheServerReceived(id).contains("VISIBLEinput"),
                "the server received the revealed input");
        String received = everythingTheServerReceived(id);
        assertTrue(received.contains("VISIBLEheading"), "revealed text is shared");
        assertTrue(received.contains("VISIBLEinput"), "a revealed input is shared");
        assertFalse(received.contains("CNRYprivateText"), "text outside the allow-list is masked");
        assertFalse(received.contains("CNRYclosedInput"), "inputs outside the allow-list are masked");
    }

    @Test
    void maskAllInputsHidesEveryInputButNotText() {
        // a site page (served from the test classpath) whose tandem.js tag carries data-tandem-mask-all-inputs
        Page page = page(null);
        String id = share(page, "/test-pages/mask-inputs.html");
        page.locator("#name").pressSequentially("CNRYname");
        page.locator("#comment").pressSequentially("CNRYcomment");
        laterFrameArrives(page, id);
        String received = everythingTheServerReceived(id);
        assertTrue(received.contains("VISIBLEheading"), "text is still shared");
        assertFalse(received.contains("CNRYname"));
        assertFalse(received.contains("CNRYcomment"));
    }
}
