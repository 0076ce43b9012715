package io.tandem.session.rest;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.anonymous;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newCustomer;
import static io.tandem.testing.Api.newSession;
import static io.tandem.testing.Api.newSessionFor;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.TestPorts;
import io.tandem.testing.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionResourceTest {

    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final String ADVISOR2 = TestTokens.advisor2();
    private static final String SUPERVISOR = TestTokens.supervisor1();

    @Test
    void advisorCreatesSessionForNewCustomerAndGetsLinkCodeAndExpiry() {
        as(ADVISOR1).body(Map.of("customer", Map.of("name", "Carla Client", "email", "carla@example.com"),
                "purpose", "home policy review"))
                .post("/api/sessions")
                .then().statusCode(201)
                .header("Location", containsString("/api/sessions/"))
                .body("id", notNullValue())
                .body("status", equalTo("CREATED"))
                .body("code", matchesPattern("[1-9][0-9]{5}"))
                .body("joinUrl", matchesPattern(Pattern.quote(TestPorts.base()) + "/join#[A-Za-z0-9_-]{43}"))
                .body("expiresAt", notNullValue());
    }

    @Test
    void advisorCreatesSessionForExistingCustomer() {
        String customerId = newCustomer(ADVISOR1, "Existing Eve").getString("id");
        String id = newSessionFor(ADVISOR1, customerId).getString("id");
        as(ADVISOR1).get("/api/sessions/" + id).then().statusCode(200)
                .body("customer.id", equalTo(customerId))
                .body("customer.name", equalTo("Existing Eve"))
                .body("advisor.name", equalTo("Alice Archer"))
                .body("purpose", equalTo("car policy review"))
                .body("status", equalTo("CREATED"))
                .body("$", not(org.hamcrest.Matchers.hasKey("code")));
    }

    @Test
    void createNeedsExactlyOneOfCustomerIdAndNewCustomer() {
        as(ADVISOR1).body(Map.of("purpose", "nothing else")).post("/api/sessions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:invalid-request"));
        String customerId = newCustomer(ADVISOR1, "Twice Tom").getString("id");
        as(ADVISOR1).body(Map.of("customerId", customerId, "customer", Map.of("name", "Also Tom")))
                .post("/api/sessions").then().statusCode(400).body("detail", containsString("exactly one"));
    }

    @Test
    void createRejectsUnknownCustomerAndInvalidNewCustomer() {
        as(ADVISOR1).body(Map.of("customerId", UUID.randomUUID().toString())).post("/api/sessions")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:unknown-customer"));
        as(ADVISOR1).body(Map.of("customer", Map.of("name", " ", "email", "not-an-email"))).post("/api/sessions")
                .then().statusCode(400)
                .body("type", equalTo("urn:tandem:problem:invalid-request"))
                .body("errors.field", hasItem("customer.name"))
                .body("errors.field", hasItem("customer.email"))
                // sentences for the person at the form, never "customer.name: must not be blank"
                .body("errors.find { it.field == 'customer.name' }.message", equalTo("Enter the customer's name."))
                .body("errors.find { it.field == 'customer.email' }.message",
                        equalTo("Enter an email address such as name@example.com."))
                .body("detail", equalTo("Enter an email address such as name@example.com. Enter the customer's name."));
        as(ADVISOR1).body(Map.of("customer", Map.of("name", "Long"), "purpose", "x".repeat(501)))
                .post("/api/sessions").then().statusCode(400).body("errors.field", hasItem("purpose"));
    }

    @Test
    void supervisorCannotCreateSessions() {
        as(SUPERVISOR).body(Map.of("customer", Map.of("name", "Nobody"))).post("/api/sessions")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anonymousGets401ProblemOnEveryStaffEndpoint() {
        String id = UUID.randomUUID().toString();
        anonymous().get("/api/sessions").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:tandem:problem:unauthenticated"));
        anonymous().body(Map.of("customer", Map.of("name", "X"))).post("/api/sessions").then().statusCode(401);
        anonymous().get("/api/sessions/" + id).then().statusCode(401);
        anonymous().body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(401);
        anonymous().get("/api/customers").then().statusCode(401);
        anonymous().body(Map.of("name", "X")).post("/api/customers").then().statusCode(401);
        anonymous().get("/api/customers/" + id + "/timeline").then().statusCode(401);
    }

    @Test
    void expiredWrongIssuerWrongAudienceAndForgedTokensGet401() {
        String expired = TestTokens.claims("sub-advisor1", "advisor1", "Alice", "advisor")
                .issuedAt(java.time.Instant.now().minusSeconds(3600))
                .expiresAt(java.time.Instant.now().minusSeconds(600)).sign();
        String wrongIssuer = TestTokens.claims("sub-advisor1", "advisor1", "Alice", "advisor")
                .issuer("https://evil.example.com").sign();
        String wrongAudience = TestTokens.claims("sub-advisor1", "advisor1", "Alice", "advisor")
                .audience("https://other.example.com").sign();
        String forged = TestTokens.forged("sub-advisor1", "advisor");
        for (String token : new String[]{expired, wrongIssuer, wrongAudience, forged, "not.a.jwt"}) {
            as(token).get("/api/sessions").then().statusCode(401).contentType("application/problem+json")
                    .body("detail", not(containsString(token)));
        }
    }

    @Test
    void advisorCannotReadOrEndAnotherAdvisorsSession() {
        String id = newSession(ADVISOR1, "Private Pat").getString("id");
        as(ADVISOR2).get("/api/sessions/" + id).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:forbidden"));
        as(ADVISOR2).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end")
                .then().statusCode(403);
        as(ADVISOR1).get("/api/sessions/" + id).then().statusCode(200).body("status", equalTo("CREATED"));
    }

    @Test
    void customerCredentialCannotCallStaffApis() {
        JsonPath created = newSession(ADVISOR1, "Curious Cora");
        String credential = admit(created.getString("code"));
        String id = created.getString("id");
        customer(credential).get("/api/sessions").then().statusCode(403).contentType("application/problem+json");
        customer(credential).get("/api/sessions/" + id).then().statusCode(403);
        customer(credential).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end")
                .then().statusCode(403);
        customer(credential).get("/api/customers").then().statusCode(403);
        customer(credential).body(Map.of("customer", Map.of("name", "X"))).post("/api/sessions")
                .then().statusCode(403);
        // the same credential presented as a bearer token is not a valid staff token
        as(credential).get("/api/sessions").then().statusCode(401);
        as(ADVISOR1).get("/api/sessions/" + id).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void advisorListsOnlyOwnSessionsAndSupervisorSeesAll() {
        String mine = newSession(ADVISOR1, "List Lena").getString("id");
        String theirs = newSession(ADVISOR2, "List Liam").getString("id");
        io.restassured.path.json.JsonPath listed = as(ADVISOR1).queryParam("size", 100).get("/api/sessions").then()
                .statusCode(200).body("items.id", hasItem(mine)).body("items.id", not(hasItem(theirs))).extract()
                .jsonPath();
        // hers, or one she took part in beside its owner (another test class may have seated her as a colleague)
        List<String> ids = listed.getList("items.id");
        List<String> owners = listed.getList("items.advisor.name");
        for (int i = 0; i < ids.size(); i++) {
            if (!owners.get(i).equals("Alice Archer")) {
                as(ADVISOR1).get("/api/sessions/" + ids.get(i)).then().statusCode(200);
            }
        }
        as(SUPERVISOR).queryParam("size", 100).get("/api/sessions").then().statusCode(200)
                .body("items.id", hasItem(mine))
                .body("items.id", hasItem(theirs));
        String advisor2Id = as(ADVISOR2).get("/api/sessions/" + theirs).then().extract().path("advisor.id");
        as(ADVISOR1).queryParam("advisor", advisor2Id).get("/api/sessions").then().statusCode(403);
        as(SUPERVISOR).queryParam("advisor", advisor2Id).queryParam("size", 100).get("/api/sessions")
                .then().statusCode(200)
                .body("items.advisor.id", everyItem(equalTo(advisor2Id)))
                .body("items.id", hasItem(theirs));
    }

    @Test
    void listFiltersByStatusCustomerAndTimeAndPages() {
        String customerId = newCustomer(ADVISOR1, "Filter Fay").getString("id");
        String first = newSessionFor(ADVISOR1, customerId).getString("id");
        JsonPath second = newSessionFor(ADVISOR1, customerId);
        admit(second.getString("code"));
        String third = newSessionFor(ADVISOR1, customerId).getString("id");

        as(ADVISOR1).queryParam("customer", customerId).get("/api/sessions").then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.id", equalTo(java.util.List.of(third, second.getString("id"), first)));
        as(ADVISOR1).queryParam("customer", customerId).queryParam("status", "active").get("/api/sessions")
                .then().body("items.id", equalTo(java.util.List.of(second.getString("id"))));
        as(ADVISOR1).queryParam("customer", customerId).queryParam("size", 2).queryParam("page", 1)
                .get("/api/sessions").then()
                .body("items", hasSize(1)).body("items[0].id", equalTo(first)).body("total", equalTo(3))
                .body("page", equalTo(1)).body("size", equalTo(2));
        as(ADVISOR1).queryParam("customer", customerId).queryParam("from", "2999-01-01").get("/api/sessions")
                .then().body("total", equalTo(0));
        as(ADVISOR1).queryParam("customer", customerId).queryParam("to", "2999-01-01T00:00:00Z")
                .get("/api/sessions").then().body("total", equalTo(3));
    }

    @Test
    void listRejectsBadFiltersWithProblems() {
        as(ADVISOR1).queryParam("status", "sleeping").get("/api/sessions").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("status"));
        as(ADVISOR1).queryParam("from", "yesterday").get("/api/sessions").then().statusCode(400)
                .body("detail", containsString("from"));
        as(ADVISOR1).queryParam("size", 1000).get("/api/sessions").then().statusCode(400);
        as(ADVISOR1).queryParam("page", -1).get("/api/sessions").then().statusCode(400);
        as(ADVISOR1).queryParam("customer", "not-a-uuid").get("/api/sessions").then().statusCode(
                greaterThanOrEqualTo(400)).contentType("application/problem+json");
    }

    @Test
    void endRecordsOutcomeAndNotesAndSecondEndConflicts() {
        JsonPath created = newSession(ADVISOR1, "Ending Ed");
        String id = created.getString("id");
        admit(created.getString("code"));
        as(ADVISOR1).body(Map.of("outcome", "policy_explained", "notes", "Walked through clause 4"))
                .post("/api/sessions/" + id + "/end")
                .then().statusCode(200)
                .body("status", equalTo("ENDED"))
                .body("outcome", equalTo("policy_explained"))
                .body("notes", equalTo("Walked through clause 4"))
                .body("endedAt", notNullValue());
        as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:session-state-conflict"));
        as(ADVISOR1).get("/api/sessions/" + id).then().body("outcome", equalTo("policy_explained"));
    }

    @Test
    void endValidatesOutcome() {
        String id = newSession(ADVISOR1, "Enum Emma").getString("id");
        as(ADVISOR1).body(Map.of("outcome", "banana")).post("/api/sessions/" + id + "/end")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("outcome"));
        as(ADVISOR1).body(Map.of("notes", "no outcome")).post("/api/sessions/" + id + "/end")
                .then().statusCode(400).body("errors.field", hasItem("outcome"))
                .body("errors.find { it.field == 'outcome' }.message", equalTo("Choose the session's outcome."));
        as(ADVISOR1).body(Map.of("outcome", "resolved", "notes", "n".repeat(4001)))
                .post("/api/sessions/" + id + "/end").then().statusCode(400).body("errors.field", hasItem("notes"))
                .body("detail", equalTo("Keep the notes to 4000 characters or fewer."));
        as(ADVISOR1).contentType("application/json").post("/api/sessions/" + id + "/end").then().statusCode(400)
                .body("errors[0].field", equalTo("body")).body("detail", equalTo("The request has no body."));
        as(ADVISOR1).get("/api/sessions/" + id).then().body("status", equalTo("CREATED")).body("outcome",
                nullValue());
    }

    @Test
    void unknownSessionIs404Problem() {
        String id = UUID.randomUUID().toString();
        as(ADVISOR1).get("/api/sessions/" + id).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:unknown-session"));
        as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(404);
        as(ADVISOR1).get("/api/sessions/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void codesAreUniqueAmongOpenSessions() {
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (int i = 0; i < 30; i++) {
            codes.add(newSession(ADVISOR1, "Code " + i).getString("code"));
        }
        assertEquals(30, codes.size());
    }
}
