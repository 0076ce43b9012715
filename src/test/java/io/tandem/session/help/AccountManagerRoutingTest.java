package io.tandem.session.help;

import static io.tandem.testing.Api.anonymous;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newClientAddress;
import static io.tandem.testing.Api.newSession;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.TestClock;
import io.tandem.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The account manager: a help request from a page that names its signed-in customer (their CRM id) goes to that
 * customer's account manager first; other advisors get the code only after the account manager's window. The id counts
 * only with the firm's proof (its HMAC under the shared identity secret).
 */
@QuarkusTest
class AccountManagerRoutingTest {

    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final String MANAGER = TestTokens.advisor2();

    @Inject
    TestClock clock;

    private static String advisorId(String token) {
        String session = newSession(token, "Whoami Wanda").getString("id");
        return as(token).get("/api/sessions/" + session).then().statusCode(200).extract().path("advisor.id");
    }

    /** The secret the test profile shares with "the firm's web server". */
    private static final String SECRET = "test-identity-secret";

    /** A help request from a page naming its signed-in customer with the firm's proof. */
    private static JsonPath ask(String crmId) {
        return ask(Map.of("customerCrmId", crmId, "customerHash", CustomerIdentity.hashOf(SECRET, crmId)));
    }

    private static JsonPath ask(Map<String, String> body) {
        return anonymous().header("X-Forwarded-For", newClientAddress()).body(body).post("/api/help-requests").then()
                .statusCode(201).extract().jsonPath();
    }

    @Test
    void aKeyAccountsHelpRequestWaitsForTheirAccountManagerFirst() {
        String crm = "CRM-" + UUID.randomUUID().toString().substring(0, 8);
        String customerId = as(ADVISOR1).body(Map.of("name", "Key Account Kim", "externalCrmId", crm,
                "assignedAdvisorId", advisorId(MANAGER))).post("/api/customers").then().statusCode(201).extract()
                .path("id");
        JsonPath request = ask(crm);
        String code = request.getString("code");

        List<Map<String, Object>> waiting = as(MANAGER).get("/api/help-requests/waiting").then().statusCode(200)
                .extract().jsonPath().getList("$");
        Map<String, Object> mine = waiting.stream().filter(w -> code.equals(w.get("code"))).findFirst().orElseThrow();
        assertEquals("Key Account Kim", mine.get("customerName"));
        assertTrue(as(ADVISOR1).get("/api/help-requests/waiting").then().statusCode(200).extract().jsonPath()
                .getList("code").stream().noneMatch(code::equals), "nobody else is asked first");

        as(ADVISOR1).body(Map.of("code", code, "customer", Map.of("name", "Someone"))).post("/api/help-requests/claim")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", startsWith("This visitor is waiting for their account manager first"));
        as(MANAGER).body(Map.of("code", code)).post("/api/help-requests/claim").then().statusCode(201)
                .body("customer.id", equalTo(customerId)).body("advisor.name", equalTo("Ben Baker"));

        // the window over, anyone may take the code
        String late = ask(crm).getString("code");
        clock.advance(Duration.ofMinutes(2).plusSeconds(5));
        as(ADVISOR1).body(Map.of("code", late, "customerId", customerId)).post("/api/help-requests/claim").then()
                .statusCode(201).body("advisor.name", equalTo("Alice Archer"));
    }

    @Test
    void aCrmIdWithoutTheFirmsProofRoutesNowhereAndNamesNoOne() {
        String crm = "CRM-" + UUID.randomUUID().toString().substring(0, 8);
        as(ADVISOR1).body(Map.of("name", "Proven Petra", "externalCrmId", crm, "assignedAdvisorId",
                advisorId(MANAGER))).post("/api/customers").then().statusCode(201);
        String otherHash = CustomerIdentity.hashOf(SECRET, crm + "-someone-else");
        List<String> codes = List.of(ask(Map.of("customerCrmId", crm)).getString("code"),
                ask(Map.of("customerCrmId", crm, "customerHash", otherHash)).getString("code"),
                ask(Map.of("customerCrmId", crm, "customerHash", CustomerIdentity.hashOf("a guessed secret", crm)))
                        .getString("code"),
                ask(Map.of("customerCrmId", crm, "customerHash", "not hex at all")).getString("code"));

        List<String> managersWaiting = as(MANAGER).get("/api/help-requests/waiting").then().statusCode(200).extract()
                .jsonPath().getList("code");
        for (String code : codes) {
            assertFalse(managersWaiting.contains(code), "an unproven id is not the account manager's customer");
            // anyone may take it at once, and must say who the visitor is: the page named no one Tandem believes
            as(ADVISOR1).body(Map.of("code", code)).post("/api/help-requests/claim").then().statusCode(400)
                    .contentType("application/problem+json");
            as(ADVISOR1).body(Map.of("code", code, "customer", Map.of("name", "Whoever Wendy")))
                    .post("/api/help-requests/claim").then().statusCode(201)
                    .body("customer.name", equalTo("Whoever Wendy"));
        }
    }

    @Test
    void aCrmIdTandemDoesNotKnowOrACustomerWithoutManagerRoutesNowhere() {
        String code = ask("CRM-unknown-" + UUID.randomUUID()).getString("code");
        as(ADVISOR1).body(Map.of("code", code, "customer", Map.of("name", "Walk-in Will")))
                .post("/api/help-requests/claim").then().statusCode(201);
        anonymous().header("X-Forwarded-For", newClientAddress()).body(Map.of("customerCrmId", "x".repeat(101)))
                .post("/api/help-requests").then().statusCode(400).contentType("application/problem+json");
    }
}
