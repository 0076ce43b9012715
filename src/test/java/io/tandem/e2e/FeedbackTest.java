package io.tandem.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.BrowserPages;
import io.tandem.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the advisor ends the session, the customer is asked to rate it, where they are; supervisors see the NPS. */
@QuarkusTest
class FeedbackTest {

    private final BrowserPages pages = new BrowserPages();

    @AfterEach
    void close() {
        pages.closeAll();
    }

    /** The supervisors' NPS report over a period wide enough for every test's (skipped-ahead) clock. */
    private static JsonPath npsReport() {
        return as(TestTokens.supervisor1()).queryParam("from", Instant.now().minus(Duration.ofDays(400)).toString())
                .queryParam("to", Instant.now().plus(Duration.ofDays(600)).toString()).get("/api/reports/nps").then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void theCustomerOnTheSiteRatesNineAndTheTimelineAndNpsReflectIt() {
        JsonPath created = newSession(TestTokens.advisor1(), "Nine Nina");
        String id = created.getString("id");
        Page customer = pages.customerSharing(created);
        JsonPath before = npsReport();
        as(TestTokens.advisor1()).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then()
                .statusCode(200);

        Locator rating = customer.locator("[data-tandem-ui=rating] form.tandem-rating");
        assertThat(rating).isVisible();
        assertThat(rating.locator(".question")).hasText(
                "How likely are you to recommend us to a friend or colleague?");
        rating.locator("[data-score='9']").click();
        rating.locator("textarea").fill("Clear and patient <script>alert(1)</script>");
        rating.locator("button.send").click();
        assertThat(rating).hasAttribute("data-sent", "9");
        assertThat(rating.locator(".status")).containsText("Thank you!");

        String customerId = as(TestTokens.advisor1()).get("/api/sessions/" + id).then().extract()
                .path("customer.id");
        JsonPath timeline = as(TestTokens.advisor1()).get("/api/customers/" + customerId + "/timeline").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(9, timeline.getInt("items[0].feedback.score"));
        assertEquals("Clear and patient <script>alert(1)</script>", timeline.getString("items[0].feedback.comment"));

        JsonPath after = npsReport();
        assertEquals(before.getInt("overall.promoters") + 1, after.getInt("overall.promoters"), after.prettify());
        assertEquals(before.getInt("overall.answers") + 1, after.getInt("overall.answers"));
    }
}
