package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.tandem.testing.Browsers;
import io.tandem.testing.Poll;
import io.tandem.testing.TestClock;
import io.tandem.testing.TestTokens;
import io.tandem.webhook.Receiver;
import io.tandem.webhook.StandardWebhooksCheck;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An admin keeps the CRM in step from the supervisor page's Settings: an internal address is refused in words, the
 * CRM's address is added and its signing secret shown once, a touchpoint reaches the CRM signed with it, a post the
 * CRM kept refusing is listed as given up after the retry window and sent again from the page.
 */
@QuarkusTest
class WebhookSettingsTest {

    private static final String BASE = CoBrowsingTest.BASE;
    private static final String ADMIN = TestTokens.staff("sub-admin1", "admin1", "Dev Diaz", "admin", "supervisor");
    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestClock clock;

    private BrowserContext context;
    private Receiver crm;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
        List<String> ids = as(ADMIN).get("/api/admin/webhooks").then().extract().path("id");
        ids.forEach(id -> as(ADMIN).delete("/api/admin/webhooks/" + id));
        if (crm != null) {
            crm.close();
        }
    }

    @Test
    void anAdminAddsTheCrmSeesTheSecretOnceAndSendsAGivenUpPostAgain() throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        crm = new Receiver(n -> status.get());
        context = Browsers.context();
        context.addInitScript("sessionStorage.setItem('tandem.staff', JSON.stringify({access: '" + ADMIN
                + "', exp: 4102444800}))");
        Page admin = context.newPage();
        admin.navigate(BASE + "/supervisor/");
        admin.click(".tabs [data-view=settings]");
        assertThat(admin.locator("#webhooks-table")).containsText("No address yet");

        admin.fill("#webhook-url", "http://10.20.30.40/hooks");
        admin.click("#webhook-add");
        assertThat(admin.locator("#webhooks-status")).containsText("resolves to 10.20.30.40, a private address");

        admin.fill("#webhook-url", crm.url());
        admin.click("#webhook-add");
        assertThat(admin.locator("#webhooks-status")).hasText(Pattern.compile("was added\\. Copy its signing secret"));
        assertThat(admin.locator("#webhook-secret")).hasText(Pattern.compile("whsec_[A-Za-z0-9+/=]{44}"));
        String secret = admin.locator("#webhook-secret").textContent();
        assertThat(admin.locator("#webhooks-table tr[data-url='" + crm.url() + "']"))
                .containsText("A touchpoint is completed");

        JsonSession s = ended("Settings Sol");
        Poll.until(WAIT, () -> crm.received().stream().anyMatch(r -> r.body().contains(s.id)), "a first try");
        Receiver.Request first = crm.received().stream().filter(r -> r.body().contains(s.id)).findFirst().get();
        assertTrue(StandardWebhooksCheck.verify(secret, first.id(), first.timestamp(), first.signature(),
                first.body(), clock.instant()), "signed with the secret the page showed");

        clock.advance(Duration.ofHours(26));
        Poll.until(WAIT, () -> as(ADMIN).get("/api/admin/webhooks").then().extract().jsonPath()
                .getInt("[0].dead") == 1, "the post given up");
        admin.click(".tabs [data-view=log]");
        admin.click(".tabs [data-view=settings]");
        assertThat(admin.locator("#webhook-secret-box")).isHidden();
        assertThat(admin.locator("#webhooks-table tr[data-url='" + crm.url() + "']")).containsText("1 given up");
        admin.locator("#webhooks-table tr[data-url='" + crm.url() + "'] button.given-up").click();
        assertThat(admin.locator("#webhook-dead-table")).containsText("was answered 503");

        status.set(200);
        long triesBefore = crm.received().stream().filter(r -> r.id().equals(first.id())).count();
        admin.locator("#webhook-dead-table button.redeliver").click();
        assertThat(admin.locator("#webhooks-status")).hasText("It is waiting to be sent again, under the same id.");
        // received again under its id, and no longer a dead letter (the list of delivered posts is paged, newest
        // first: in the whole suite, the sessions the 26 hours expired are delivered to this address too)
        Poll.until(WAIT, () -> crm.received().stream().filter(r -> r.id().equals(first.id())).count() > triesBefore
                && as(ADMIN).get("/api/admin/webhooks").then().extract().jsonPath().getInt("[0].dead") == 0,
                "the post delivered");
        assertTrue(crm.received().stream().filter(r -> r.body().contains(s.id)).map(Receiver.Request::id).distinct()
                .count() == 1, "every try and the post sent again under one webhook-id");

        admin.locator("#webhooks-table tr[data-url='" + crm.url() + "'] button.remove").click();
        assertThat(admin.locator("#webhooks-status")).containsText("was removed");
        assertThat(admin.locator("#webhooks-table")).containsText("No address yet");
    }

    private record JsonSession(String id) {}

    private static JsonSession ended(String name) {
        var created = newSession(ADVISOR1, name);
        admit(created.getString("code"));
        as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + created.getString("id") + "/end")
                .then().statusCode(200);
        return new JsonSession(created.getString("id"));
    }
}
