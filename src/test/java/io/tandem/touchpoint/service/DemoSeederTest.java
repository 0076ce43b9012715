package io.tandem.touchpoint.service;

import static io.tandem.testing.Api.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tandem.testing.SettingsOfTheirOwn;
import io.tandem.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo profile fills an empty database so the consoles are not empty, tied to the realm's fixed user ids. */
@QuarkusTest
@TestProfile(SettingsOfTheirOwn.class)
class DemoSeederTest {

    /** advisor1 as the realm file defines it: the subject is the fixed Keycloak user id. */
    private static final String ADVISOR1 = TestTokens.staff("7a3d0c1e-0001-4a00-8000-00000000a001", "advisor1",
            "Alice Archer", "advisor");

    @Test
    void seedsCustomersWithPastTouchpointsVisibleToTheRealmsAdvisor() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(ADVISOR1).queryParam("query", "Maria Rossi")
                .get("/api/customers").then().statusCode(200).body("total", equalTo(1)));
        String maria = as(ADVISOR1).queryParam("query", "CRM-1001").get("/api/customers").then().extract()
                .path("items[0].id");
        as(ADVISOR1).get("/api/customers/" + maria + "/timeline").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.outcome", equalTo(List.of("quote_sent", "policy_explained")))
                .body("items.feedback.score", equalTo(List.of(10, 9)))
                .body("items.completed", everyItem(equalTo(true)));
        as(ADVISOR1).queryParam("status", "ended").get("/api/sessions").then().statusCode(200)
                .body("total", equalTo(4))
                .body("items.advisor.name", everyItem(equalTo("Alice Archer")))
                .body("items.customer.name", hasItem("Jonas Weber"));
    }
}
