package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.BoundingBox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.Browsers;
import io.tandem.testing.PageConditions;
import io.tandem.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * More than two people in a session, in real browsers: an advisor invites a colleague, whose console shows the
 * invitation live; the colleague joins with one click, both draw in their own colour and name, and control passes to
 * the second advisor through the customer's consent. A warm transfer hands the session over with the page, the
 * drawings and the customer carrying on; a cold transfer to a team goes to the first team member who accepts. A
 * supervisor who watches steps in and out, and the customer is told each time.
 */
@QuarkusTest
class MoreThanTwoTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final LocatorAssertions.IsAttachedOptions SLOW = new LocatorAssertions.IsAttachedOptions()
            .setTimeout(10_000);
    private static final LocatorAssertions.IsVisibleOptions VISIBLE = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(10_000);
    private static final LocatorAssertions.ContainsTextOptions SOON = new LocatorAssertions.ContainsTextOptions()
            .setTimeout(10_000);

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /** Ben Baker of the Claims team (the team comes from the token's `team` claim). */
    private static String benOfClaims() {
        return TestTokens.claims("sub-advisor2", "advisor2", "Ben Baker", "advisor").claim("team", "Claims").sign();
    }

    private static String cleoOfClaims() {
        return TestTokens.claims("sub-advisor3", "advisor3", "Cleo Clark", "advisor").claim("team", "Claims").sign();
    }

    /** A console at home (no session open) whose invitations stream is open. */
    private Page consoleAtHome(String token) {
        Page console = pages.staff(token);
        console.navigate(BASE + "/console/");
        PageConditions.until(console, "() => window.__tandemInvitations && window.__tandemInvitations.state === 'open'",
                Duration.ofSeconds(10), "the invitations stream open");
        return console;
    }

    /** A console on the session, the mirror showing the customer's page. */
    private Page consoleOn(String token, String sessionId) {
        Page console = pages.staff(token);
        console.navigate(BASE + "/console/?session=" + sessionId);
        assertThat(console.frameLocator("#mirror iframe").locator("#hero-title")).isAttached(SLOW);
        return console;
    }

    /** The lead's dialog: search, pick the one whose row contains `choice`, add a note, send. */
    private static void invite(Page lead, String button, String query, String choice, String note) {
        lead.click(button);
        Locator dialog = lead.locator("#colleague-dialog");
        assertThat(dialog).isVisible();
        dialog.locator("#colleague-search").fill(query);
        Locator option = dialog.locator("#colleague-results li", new Locator.LocatorOptions().setHasText(choice));
        assertThat(option.first()).isVisible(VISIBLE);
        option.first().click();
        dialog.locator("#colleague-note").fill(note);
        picture(lead, "dialog" + button.replace('#', '-'));
        dialog.locator("#colleague-send").click();
        assertThat(dialog).isHidden();
    }

    /** Draws a short stroke with the pen across the mirror's hero title. */
    private static void drawOnTitle(Page console, double from) {
        console.click("#annotate-tools [data-tool=pen]");
        BoundingBox box = console.frameLocator("#mirror iframe").locator("#hero-title").boundingBox();
        double y = box.y + box.height / 2;
        console.mouse().move(box.x + from * box.width, y);
        console.mouse().down();
        for (int i = 1; i <= 10; i++) {
            console.mouse().move(box.x + from * box.width + i * 8, y + (i % 2));
            Browsers.nextFrame(console);
        }
        console.mouse().up();
        console.click("#annotate-tools [data-tool='']");
    }

    /** A picture for people to look at (target/screenshots/more-than-two-<name>.png). */
    private static void picture(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target", "screenshots",
                "more-than-two-" + name + ".png")));
    }

    private static void customerHears(Page customer, String line) {
        customer.waitForFunction("(line) => window.__tandem.banner && window.__tandem.banner.lines"
                + " && window.__tandem.banner.lines.includes(line)", line,
                new Page.WaitForFunctionOptions().setTimeout(10_000));
    }

    @Test
    void anInvitedColleagueJoinsFromTheLiveInvitationBothDrawInTheirOwnColoursAndControlNeedsTheCustomer() {
        JsonPath created = newSession(TestTokens.advisor1(), "Mira Multiple");
        String id = created.getString("id");
        Page customer = pages.customerSharing(created);
        Page alice = consoleOn(TestTokens.advisor1(), id);
        Page ben = consoleAtHome(benOfClaims());
        assertThat(ben.locator("#inbox")).isHidden();

        // the lead invites Ben with a note; Ben's console shows it live, with the customer and the note
        assertThat(alice.locator("#owner-tools")).isVisible(VISIBLE);
        invite(alice, "#invite-colleague", "Ben", "Ben Baker", "Second opinion on clause 7, please");
        Locator invitation = ben.locator("#invitations li.invitation");
        assertThat(invitation).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(10_000));
        assertThat(invitation.locator(".inv-headline"))
                .hasText("Alice Archer invites you to join the session with Mira Multiple");
        assertThat(invitation.locator(".inv-note")).hasText("Second opinion on clause 7, please");
        assertThat(invitation.locator(".inv-expiry")).containsText("Expires in");
        assertThat(alice.locator("#session-invitations li")).containsText("Waiting for Ben Baker to answer", SOON);
        picture(ben, "invitation");
        picture(alice, "invited");

        // one click joins: the mirror of the customer's page, without a page load
        invitation.locator(".inv-accept").click();
        assertThat(ben.locator("#invitations li")).hasCount(0);
        assertThat(ben.frameLocator("#mirror iframe").locator("#hero-title")).isAttached(SLOW);
        assertThat(ben).hasURL(BASE + "/console/?session=" + id);

        // the customer is told who joined and sees both; the lead sees the join and the invitation's outcome
        customerHears(customer, "Ben Baker from Claims joined");
        customer.waitForFunction("() => document.querySelector('[data-tandem-ui=banner]').shadowRoot"
                + ".querySelector('.who').textContent === 'Sharing this page with Alice Archer and Ben Baker'");
        assertThat(alice.locator("#session-lines")).containsText("Ben Baker from Claims joined", SOON);
        assertThat(alice.locator("#people li[data-id] .meta").filter(new Locator.FilterOptions().setHasText("Claims")))
                .hasCount(1);
        assertThat(alice.locator("#session-invitations li")).containsText("Ben Baker joined", SOON);
        // only the lead invites, hands over and ends
        assertThat(ben.locator("#people li[data-owner=true] .who")).hasText("Alice Archer");
        assertThat(ben.locator("#owner-tools")).isHidden();
        assertThat(ben.locator("#end-session")).isHidden();
        assertThat(alice.locator("#end-session")).isVisible();
        picture(customer, "customer-told");

        // both draw: each drawing reaches the customer in its author's colour, under its author's name
        ben.waitForFunction("() => window.__tandemAnnotations");
        drawOnTitle(alice, 0.1);
        drawOnTitle(ben, 0.5);
        // both in the model, finished, and drawn (the layer draws in the next animation frame)
        customer.waitForFunction("() => { const l = window.__tandem.annotations; const m = l && l.model;"
                + " return m && m.annotations.size === 2 && [...m.annotations.values()].every((a) => a.done)"
                + " && l.svg.querySelectorAll('g[data-id][data-done]').length === 2; }",
                null, new Page.WaitForFunctionOptions().setTimeout(10_000));
        @SuppressWarnings("unchecked")
        List<Map<String, String>> drawn = (List<Map<String, String>>) customer.evaluate("""
                () => { const m = window.__tandem.annotations.model;
                  return [...m.annotations.values()].map((a) => ({ name: m.person(a.author).name, color: a.color,
                    shown: String(Boolean(window.__tandem.annotations.svg.querySelector(
                      `g[data-id="${CSS.escape(a.id)}"] [stroke="${a.color}"]`))) })); }""");
        assertEquals(List.of("Alice Archer", "Ben Baker"), drawn.stream().map((d) -> d.get("name")).toList());
        assertEquals("#1f5fbf", drawn.get(0).get("color"), "the first advisor in the firm's blue");
        assertNotEquals(drawn.get(0).get("color"), drawn.get(1).get("color"), "a colour of their own: " + drawn);
        assertEquals(List.of("true", "true"), drawn.stream().map((d) -> d.get("shown")).toList(), "drawn: " + drawn);
        // and the lead sees Ben's drawing in Ben's colour too
        assertEquals(drawn.get(1).get("color"), alice.evaluate("() => [...window.__tandemAnnotations.model"
                + ".annotations.values()].find((a) => a.author !== window.__tandemAnnotations.me.id).color"));

        // Ben's pointer, with his name, over the customer's page and over the lead's mirror
        BoundingBox panel = ben.locator("#mirror").boundingBox();
        for (int i = 0; i < 6; i++) {
            ben.mouse().move(panel.x + 120 + i * 10, panel.y + 140 + i * 5);
            Browsers.nextFrame(ben);
        }
        String bensPointer = "(layer) => layer && [...layer.svg.querySelectorAll('[data-pointer] text')]"
                + ".some((t) => t.textContent === 'Ben Baker')";
        customer.waitForFunction("() => (" + bensPointer + ")(window.__tandem.annotations)", null,
                new Page.WaitForFunctionOptions().setTimeout(10_000));
        alice.waitForFunction("() => (" + bensPointer + ")(window.__tandemAnnotations)", null,
                new Page.WaitForFunctionOptions().setTimeout(10_000));

        // control passes to the second advisor only through the customer's consent, which names him
        ben.click("#ctl-request");
        Locator consent = customer.locator("[data-tandem-ui=control-consent] [role=alertdialog]");
        assertThat(consent).isVisible(VISIBLE);
        assertThat(consent.locator(".ask")).hasText("Ben Baker asks to control this page.");
        consent.locator("button[data-answer=page]").click();
        assertThat(ben.locator("#ctl-status")).hasAttribute("data-state", "granted");
        assertThat(alice.locator("#ctl-status")).hasText("Ben Baker is in control");
        assertThat(alice.locator("#ctl-request")).isHidden();
        picture(alice, "lead-with-colleague");
        picture(ben, "colleague");
    }

    @Test
    void aWarmTransferHandsTheSessionOverWhileThePageTheDrawingsAndTheCustomerCarryOn() {
        JsonPath created = newSession(TestTokens.advisor1(), "Tom Transfer");
        String id = created.getString("id");
        Page customer = pages.customerSharing(created);
        Page alice = consoleOn(TestTokens.advisor1(), id);
        Page ben = consoleAtHome(benOfClaims());
        alice.waitForFunction("() => window.__tandemAnnotations");
        drawOnTitle(alice, 0.2);
        customer.waitForFunction("() => window.__tandem.annotations && window.__tandem.annotations.model"
                + ".annotations.size === 1", null, new Page.WaitForFunctionOptions().setTimeout(10_000));
        // the lead holds control, with the customer's consent
        alice.click("#ctl-request");
        customer.locator("[data-tandem-ui=control-consent] button[data-answer=page]").click();
        assertThat(alice.locator("#ctl-status")).hasAttribute("data-state", "granted");

        invite(alice, "#transfer-session", "Ben", "Ben Baker", "Her claim is yours from here");
        Locator invitation = ben.locator("#invitations li.invitation");
        assertThat(invitation.locator(".inv-headline")).hasText(
                "Alice Archer wants to hand you the session with Tom Transfer",
                new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        assertThat(invitation.locator(".inv-accept")).hasText("Take over");
        invitation.locator(".inv-accept").click();

        // Ben leads: the page and the drawing carry on with him, and he has the lead's tools
        assertThat(ben.frameLocator("#mirror iframe").locator("#hero-title")).isAttached(SLOW);
        ben.waitForFunction("() => window.__tandemAnnotations && window.__tandemAnnotations.model.annotations.size"
                + " === 1", null, new Page.WaitForFunctionOptions().setTimeout(10_000));
        assertThat(ben.locator("#owner-tools")).isVisible(VISIBLE);
        assertThat(ben.locator("#end-session")).isVisible();

        // the customer reads one line, and the pill names only the new advisor once the first has left
        customerHears(customer, "Your advisor is now Ben Baker");
        customer.waitForFunction("() => document.querySelector('[data-tandem-ui=banner]').shadowRoot"
                + ".querySelector('.who').textContent === 'Sharing this page with Ben Baker'", null,
                new Page.WaitForFunctionOptions().setTimeout(15_000));
        assertEquals(true, customer.evaluate("() => window.__tandem.sharing"), "still sharing");
        assertEquals(1, ((Number) customer.evaluate("() => window.__tandem.annotations.model.annotations.size"))
                .intValue(), "the drawing carries on");
        assertEquals(List.of("Your advisor is now Ben Baker"), customer.evaluate(
                "() => window.__tandem.banner.lines.filter((l) => l.startsWith('Your advisor'))"), "said once");

        // the first advisor is told, and leaves once Ben is connected
        assertThat(alice.locator("#ended-title")).hasText("You handed this session to Ben Baker");
        picture(alice, "handing-over");
        alice.waitForFunction("() => document.body.dataset.handedOver === 'left'", null,
                new Page.WaitForFunctionOptions().setTimeout(15_000));
        assertThat(ben.locator("#session-lines")).containsText("Alice Archer left", SOON);

        // remote control was revoked by the transfer: Ben must ask the customer again
        assertThat(ben.locator("#ctl-status")).hasAttribute("data-state", "none");
        assertThat(ben.locator("#ctl-request")).isVisible();
        assertEquals(null, customer.evaluate(
                "() => document.querySelector('[data-tandem-ui=control-banner]') ? 'still controlled' : null"));
    }

    @Test
    void aColdTransferToATeamGoesToTheFirstWhoAcceptsAndLeavesTheOthersList() {
        JsonPath created = newSession(TestTokens.advisor1(), "Tess Team");
        String id = created.getString("id");
        Page customer = pages.customerSharing(created);
        Page alice = consoleOn(TestTokens.advisor1(), id);
        Page ben = consoleAtHome(benOfClaims());
        Page cleo = consoleAtHome(cleoOfClaims());

        invite(alice, "#transfer-session", "Claims", "Claims team", "Water damage, policy HM-1234");
        for (Page teamMate : List.of(ben, cleo)) {
            assertThat(teamMate.locator("#invitations li.invitation .inv-headline")).hasText(
                    "Alice Archer wants to hand the session with Tess Team to Claims",
                    new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        }
        cleo.locator("#invitations li.invitation .inv-accept").click();
        // taken by a team-mate: gone from Ben's list, live
        assertThat(ben.locator("#invitations li")).hasCount(0, new LocatorAssertions.HasCountOptions()
                .setTimeout(10_000));
        assertThat(ben.locator("#inbox")).isHidden();
        assertThat(cleo.frameLocator("#mirror iframe").locator("#hero-title")).isAttached(SLOW);
        customerHears(customer, "Your advisor is now Cleo Clark");
        alice.waitForFunction("() => document.body.dataset.handedOver === 'left'", null,
                new Page.WaitForFunctionOptions().setTimeout(15_000));
        assertThat(cleo.locator("#owner-tools")).isVisible(VISIBLE);
    }

    @Test
    void aWithdrawnOrDeclinedInvitationLeavesTheInviteesConsoleAndTheLeadReadsWhatBecameOfIt() {
        JsonPath created = newSession(TestTokens.advisor1(), "Wanda Withdrawn");
        Page customer = pages.customerSharing(created);
        Page alice = consoleOn(TestTokens.advisor1(), created.getString("id"));
        Page ben = consoleAtHome(benOfClaims());
        invite(alice, "#invite-colleague", "Ben", "Ben Baker", "<b>not bold</b>");
        Locator invitation = ben.locator("#invitations li.invitation");
        // a note is text, never markup
        assertThat(invitation.locator(".inv-note")).hasText("<b>not bold</b>", new LocatorAssertions.HasTextOptions()
                .setTimeout(10_000));
        alice.locator("#session-invitations .inv-withdraw").click();
        assertThat(invitation).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(10_000));
        assertThat(alice.locator("#session-invitations li")).containsText("Withdrawn", SOON);

        // a second one, declined: gone from Ben's list, and the lead reads that he declined
        invite(alice, "#invite-colleague", "Ben", "Ben Baker", "Another look?");
        invitation.locator(".inv-decline").click(new Locator.ClickOptions().setTimeout(10_000));
        assertThat(invitation).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(10_000));
        assertThat(alice.locator("#session-invitations li").first()).containsText("Ben Baker declined", SOON);
        assertEquals(0, ((Number) customer.evaluate("() => (window.__tandem.banner.lines || []).length")).intValue(),
                "the customer hears nothing of an invitation");
    }

    @Test
    void theCustomersWorkspaceListsWhoIsWithThemAndSaysWhoJoinedAndWhoLeadsNow() {
        JsonPath created = newSession(TestTokens.advisor1(), "Wendy Workspace");
        String id = created.getString("id");
        // the customer stays in the join page's workspace (no site page shared)
        Page customer = pages.anonymous();
        customer.navigate(created.getString("joinUrl"));
        customer.click("#accept");
        Page alice = pages.staff(TestTokens.advisor1());
        alice.navigate(BASE + "/console/?session=" + id);
        assertThat(customer.locator("#joined-status")).hasText("Alice Archer is connected",
                new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        assertThat(customer.locator("#joined-people li .who")).hasText("Alice Archer");
        assertThat(alice.locator("#owner-tools")).isVisible(VISIBLE);
        Page ben = consoleAtHome(benOfClaims());

        invite(alice, "#invite-colleague", "Ben", "Ben Baker", "Joining for the claim");
        ben.locator("#invitations li.invitation .inv-accept").click(new Locator.ClickOptions().setTimeout(10_000));
        assertThat(customer.locator("#joined-lines li")).hasText(new String[]{"Ben Baker from Claims joined"},
                new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        assertThat(customer.locator("#joined-people li .who")).hasText(new String[]{"Alice Archer", "Ben Baker"});
        assertThat(customer.locator("#joined-people li[data-owner=true] .meta")).hasText("your advisor");
        assertThat(customer.locator("#joined-status")).hasText("Alice Archer and Ben Baker are with you");
        picture(customer, "workspace");

        // Alice hands over to Ben, who is already here: one line, and the heading names him
        invite(alice, "#transfer-session", "Ben", "Ben Baker", "Yours from here");
        ben.locator("#invitations li.invitation .inv-accept").click(new Locator.ClickOptions().setTimeout(10_000));
        assertThat(customer.locator("#joined-advisor")).hasText("Ben Baker", new LocatorAssertions.HasTextOptions()
                .setTimeout(10_000));
        assertThat(customer.locator("#joined-status")).hasText("Ben Baker is connected",
                new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        assertThat(customer.locator("#joined-lines li")).hasText(new String[]{"Ben Baker from Claims joined",
                "Your advisor is now Ben Baker"});
        assertThat(alice.locator("#ended-title")).hasText("You handed this session to Ben Baker");
    }

    @Test
    void aSupervisorWatchingStepsInToDrawAndStepsBackOutAndTheCustomerIsToldEachTime() {
        JsonPath created = newSession(TestTokens.advisor1(), "Stella Stepin");
        String id = created.getString("id");
        Page customer = pages.customerSharing(created);
        Page alice = consoleOn(TestTokens.advisor1(), id);
        // the supervisor finds the session under way in the session log and watches it live from there
        Page sam = pages.staff(TestTokens.supervisor1());
        sam.navigate(BASE + "/supervisor/");
        Locator watch = sam.locator("tr[data-id='" + id + "'] a.watch-live");
        assertThat(watch).hasText("Watch live", new LocatorAssertions.HasTextOptions().setTimeout(10_000));
        watch.click();
        assertThat(sam.frameLocator("#mirror iframe").locator("#hero-title")).isAttached(SLOW);

        // watching silently: the advisor sees it, the customer does not; no tools
        assertThat(alice.locator("#supervisor-watching")).hasText("Sam Supervisor watching");
        assertThat(sam.locator("#annotate-tools")).isHidden();
        assertThat(sam.locator("#documents [data-doc=query]")).isHidden();
        assertThat(sam.locator("#step-out")).isHidden();
        assertThat(sam.locator("#owner-tools")).isHidden();

        sam.click("#step-in");
        customerHears(customer, "Sam Supervisor joined the conversation");
        assertThat(alice.locator("#session-lines")).containsText("Sam Supervisor joined the conversation", SOON);
        assertThat(alice.locator("#people li[data-supervisor=stepped-in] .who")).hasText("Sam Supervisor");
        assertThat(alice.locator("#supervisor-watching")).isHidden();
        assertThat(sam.locator("#step-out")).isVisible(VISIBLE);
        assertThat(sam.locator("#annotate-tools")).isVisible();
        // and may present a policy document, as an advisor does
        assertThat(sam.locator("#documents [data-doc=query]")).isVisible();
        customer.waitForFunction("() => document.querySelector('[data-tandem-ui=banner]').shadowRoot"
                + ".querySelector('.who').textContent === 'Sharing this page with Alice Archer and Sam Supervisor'");

        // stepped in, the supervisor draws like an advisor, in a colour of their own
        sam.waitForFunction("() => window.__tandemAnnotations && window.__tandemAnnotations.me.role === 'advisor'");
        drawOnTitle(sam, 0.3);
        customer.waitForFunction("() => { const m = window.__tandem.annotations.model; return m.annotations.size === 1"
                + " && m.person([...m.annotations.values()][0].author).name === 'Sam Supervisor'; }", null,
                new Page.WaitForFunctionOptions().setTimeout(10_000));
        assertNotEquals("#1f5fbf", customer.evaluate(
                "() => [...window.__tandem.annotations.model.annotations.values()][0].color"));

        sam.click("#step-out");
        customerHears(customer, "Sam Supervisor left the conversation");
        assertThat(alice.locator("#session-lines")).containsText("Sam Supervisor left the conversation", SOON);
        assertThat(sam.locator("#step-in")).isVisible(VISIBLE);
        assertThat(sam.locator("#annotate-tools")).isHidden();
        assertThat(sam.locator("#documents [data-doc=query]")).isHidden();
        customer.waitForFunction("() => document.querySelector('[data-tandem-ui=banner]').shadowRoot"
                + ".querySelector('.who').textContent === 'Sharing this page with Alice Archer'");
        assertEquals("open", sam.evaluate("() => document.body.dataset.relay"), "the same socket throughout");
        FrameLocator mirror = sam.frameLocator("#mirror iframe");
        assertThat(mirror.locator("#hero-title")).isAttached();
    }
}
