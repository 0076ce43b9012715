package io.tandem.touchpoint.rest;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.anonymous;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.newCustomer;
import static io.tandem.testing.Api.newSessionFor;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CustomerResourceTest {

    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final String SUPERVISOR = TestTokens.supervisor1();

    @Test
    void createsCustomerWithAllFields() {
        String crm = "CRM-" + UUID.randomUUID();
        as(ADVISOR1).body(Map.of("name", "Full Fiona", "email", "fiona@example.com", "phone", "+44 20 7946 0000",
                "externalCrmId", crm, "segment", "premium"))
                .post("/api/customers").then().statusCode(201)
                .header("Location", containsString("/api/customers/"))
                .body("id", notNullValue())
                .body("name", equalTo("Full Fiona"))
                .body("externalCrmId", equalTo(crm))
                .body("segment", equalTo("premium"));
    }

    @Test
    void duplicateCrmIdIs409AndUnknownAdvisorIs400() {
        String crm = "CRM-" + UUID.randomUUID();
        as(ADVISOR1).body(Map.of("name", "One", "externalCrmId", crm)).post("/api/customers").then().statusCode(201);
        as(ADVISOR1).body(Map.of("name", "Two", "externalCrmId", crm)).post("/api/customers").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:duplicate-customer"));
        as(ADVISOR1).body(Map.of("name", "Three", "assignedAdvisorId", UUID.randomUUID().toString()))
                .post("/api/customers").then().statusCode(400).body("detail", containsString("assignedAdvisorId"));
    }

    @Test
    void createValidatesFields() {
        as(ADVISOR1).body(Map.of("email", "x@example.com")).post("/api/customers").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("name"));
        as(ADVISOR1).body(Map.of("name", "N".repeat(201))).post("/api/customers").then().statusCode(400);
        as(ADVISOR1).body(Map.of("name", "Phone", "phone", "call me <maybe>")).post("/api/customers").then()
                .statusCode(400).body("errors.field", hasItem("phone"));
        as(ADVISOR1).body(Map.of("name", "Extra", "favouriteColour", "blue")).post("/api/customers").then()
                .statusCode(400).body("errors[0].field", equalTo("favouriteColour"));
        as(ADVISOR1).body("[]").post("/api/customers").then().statusCode(400);
        as(ADVISOR1).body("").post("/api/customers").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void searchMatchesNameEmailAndCrmIdCaseInsensitively() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        as(ADVISOR1).body(Map.of("name", "Searchable " + tag, "email", tag + "@mail.example")).post("/api/customers");
        as(ADVISOR1).body(Map.of("name", "Other Person", "externalCrmId", "X-" + tag)).post("/api/customers");
        as(ADVISOR1).queryParam("query", tag.toUpperCase()).get("/api/customers").then().statusCode(200)
                .body("items", hasSize(2)).body("total", equalTo(2));
        as(SUPERVISOR).queryParam("query", "searchable " + tag).get("/api/customers").then()
                .body("items.name", equalTo(List.of("Searchable " + tag)));
        // LIKE wildcards in the query are literal
        as(ADVISOR1).queryParam("query", "%").queryParam("size", 5).get("/api/customers").then().statusCode(200)
                .body("items.name", everyItem(containsString("%")));
    }

    @Test
    void timelineListsTouchpointsNewestFirst() {
        String customerId = newCustomer(ADVISOR1, "Timeline Tina").getString("id");
        JsonPath first = newSessionFor(ADVISOR1, customerId);
        admit(first.getString("code"));
        as(ADVISOR1).body(Map.of("outcome", "quote_sent", "notes", "sent quote"))
                .post("/api/sessions/" + first.getString("id") + "/end").then().statusCode(200);
        JsonPath second = newSessionFor(ADVISOR1, customerId);
        admit(second.getString("code"));
        JsonPath third = newSessionFor(ADVISOR1, customerId);

        as(SUPERVISOR).get("/api/customers/" + customerId + "/timeline").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.sessionId", equalTo(List.of(second.getString("id"), first.getString("id"))))
                .body("items[1].outcome", equalTo("quote_sent"))
                .body("items[1].channel", equalTo("cobrowse"))
                .body("items[1].completed", equalTo(true))
                .body("items[1].durationSeconds", notNullValue())
                .body("items[1].advisorName", equalTo("Alice Archer"))
                .body("items[1].purpose", equalTo("car policy review"))
                .body("items[1].counters.pagesVisited", equalTo(0))
                .body("items[0].completed", equalTo(false))
                .body("items.sessionId", not(hasItem(third.getString("id"))));
    }

    @Test
    void unknownCustomerIs404() {
        as(ADVISOR1).get("/api/customers/" + UUID.randomUUID() + "/timeline").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:unknown-customer"));
        as(ADVISOR1).get("/api/customers/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void demoDataIsNotSeededOutsideTheDemoProfile() {
        as(SUPERVISOR).queryParam("query", "CRM-1001").get("/api/customers").then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void customersNeedStaffRole() {
        anonymous().get("/api/customers").then().statusCode(401);
        String nobody = TestTokens.staff("sub-nobody", "nobody", "No Role");
        as(nobody).get("/api/customers").then().statusCode(403).contentType("application/problem+json");
    }
}
