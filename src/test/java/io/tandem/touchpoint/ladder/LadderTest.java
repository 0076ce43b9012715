package io.tandem.touchpoint.ladder;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newCustomer;
import static io.tandem.testing.Api.newSessionFor;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loyalty ladder over REST with real PostgreSQL: the rules move customers when touchpoints complete and ratings
 * arrive, in the same transaction; staff move them by hand with a reason; every move is kept for the timeline; an
 * admin replaces the rules, and an invalid set is refused with 422.
 */
@QuarkusTest
class LadderTest {

    private static final String ADVISOR = TestTokens.advisor1();
    private static final String SUPERVISOR = TestTokens.supervisor1();
    private static final String ADMIN = TestTokens.staff("sub-admin-ladder", "admin-ladder", "Ada Admin", "admin");

    @AfterEach
    void defaultRules() {
        as(ADMIN).delete("/api/admin/ladder-rules").then().statusCode(200);
    }

    /** A session for the customer, ended with this outcome; the customer's credential when admitted. */
    private static String session(String customerId, String outcome, boolean admitted) {
        JsonPath created = newSessionFor(ADVISOR, customerId);
        String credential = admitted ? admit(created.getString("code")) : null;
        as(ADVISOR).body(Map.of("outcome", outcome)).post("/api/sessions/" + created.getString("id") + "/end").then()
                .statusCode(200);
        return admitted ? credential + " " + created.getString("id") : created.getString("id");
    }

    private static void rate(String credentialAndSession, int score) {
        String[] parts = credentialAndSession.split(" ");
        customer(parts[0]).body(Map.of("score", score)).post("/api/sessions/" + parts[1] + "/feedback").then()
                .statusCode(200);
    }

    private static String rung(String customerId) {
        return as(ADVISOR).get("/api/customers/" + customerId).then().statusCode(200).extract().path("rung");
    }

    private static JsonPath ladder(String customerId) {
        return as(ADVISOR).get("/api/customers/" + customerId + "/ladder").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void completedTouchpointsMoveAProspectToCustomerAndThenToClient() {
        String id = newCustomer(ADVISOR, "Ladder Lara").getString("id");
        assertEquals("prospect", rung(id));
        session(id, "no_show", false);
        assertEquals("prospect", rung(id), "a no-show moves nobody");
        String quoted = session(id, "quote_sent", false);
        assertEquals("customer", rung(id));
        JsonPath moves = ladder(id);
        assertEquals(1, moves.getList("$").size());
        assertEquals("prospect", moves.getString("[0].from"));
        assertEquals("customer", moves.getString("[0].to"));
        assertEquals("up", moves.getString("[0].direction"));
        assertEquals("rule", moves.getString("[0].kind"));
        assertEquals("A quote sent or a policy explained makes a prospect a customer", moves.getString("[0].rule"));
        assertEquals(quoted, moves.getString("[0].sessionId"));
        session(id, "resolved", false); // the third completed touchpoint within a year
        assertEquals("client", rung(id));
        assertEquals("Three sessions within a year make a customer a client", ladder(id).getString("[0].rule"));
    }

    @Test
    void promotersClimbTowardsAdvocateAndADetractorSlipsOneRungOnce() {
        String id = newCustomer(ADVISOR, "Ladder Leo").getString("id");
        as(SUPERVISOR).body(Map.of("rung", "client", "reason", "Holds three policies with us")).put("/api/customers/"
                + id + "/rung").then().statusCode(200).body("rung", equalTo("client"));
        String first = session(id, "resolved", true);
        rate(first, 9);
        assertEquals("supporter", rung(id));
        String second = session(id, "resolved", true);
        rate(second, 10);
        assertEquals("advocate", rung(id));
        String third = session(id, "resolved", true);
        rate(third, 3);
        assertEquals("supporter", rung(id));
        rate(third, 2); // changed within the window, still a detractor: no second slip
        assertEquals("supporter", rung(id));
        JsonPath moves = ladder(id);
        assertEquals(List.of("down", "up", "up", "up"), moves.getList("direction"));
        assertEquals("A detractor's rating slips the customer one rung", moves.getString("[0].rule"));
        assertEquals("staff", moves.getString("[3].kind"));
        assertEquals("Sam Supervisor", moves.getString("[3].changedByName"));
        assertEquals("Holds three policies with us", moves.getString("[3].reason"));
    }

    @Test
    void staffSetARungByHandOnlyWithAReason() {
        String id = newCustomer(ADVISOR, "Ladder Lin").getString("id");
        as(ADVISOR).body(Map.of("rung", "supporter")).put("/api/customers/" + id + "/rung").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].message",
                        equalTo("Say why the customer moves to this rung."));
        as(ADVISOR).body(Map.of("rung", "gold", "reason", "x")).put("/api/customers/" + id + "/rung").then()
                .statusCode(400).contentType("application/problem+json");
        as(ADVISOR).body(Map.of("rung", "supporter", "reason", "Recommended us to two neighbours"))
                .put("/api/customers/" + id + "/rung").then().statusCode(200).body("rung", equalTo("supporter"));
        JsonPath moves = ladder(id);
        assertEquals("Alice Archer", moves.getString("[0].changedByName"));
        assertEquals("Recommended us to two neighbours", moves.getString("[0].reason"));
        as(ADVISOR).body(Map.of("rung", "supporter", "reason", "again")).put("/api/customers/" + id + "/rung").then()
                .statusCode(200);
        assertEquals(1, ladder(id).getList("$").size(), "no move when the rung stays");
        as(ADVISOR).body(Map.of("rung", "client", "reason", "x")).put("/api/customers/00000000-0000-4000-8000-"
                + "000000000000/rung").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anAdminReplacesTheRulesAndAnInvalidSetIsRefusedWith422() {
        as(SUPERVISOR).get("/api/admin/ladder-rules").then().statusCode(200).body("defaults", equalTo(true))
                .body("rules.rules", hasSize(5));
        Map<String, Object> bad = Map.of("rules", List.of(Map.of("name", "Quotes", "on", "touchpoint", "to",
                "gold")));
        as(ADMIN).body(bad).put("/api/admin/ladder-rules").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:invalid-ladder-rules"))
                .body("detail", startsWith("Rule 1 (\u201cQuotes\u201d): \"to\" must be one of prospect"));
        Map<String, Object> good = Map.of("rules", List.of(Map.of("name", "Any resolved session makes an advocate",
                "on", "touchpoint", "outcomes", List.of("resolved"), "to", "advocate")));
        as(SUPERVISOR).body(good).put("/api/admin/ladder-rules").then().statusCode(403);
        as(ADMIN).body(good).put("/api/admin/ladder-rules").then().statusCode(200).body("defaults", equalTo(false))
                .body("updatedBy", equalTo("admin-ladder"))
                .body("rules.rules[0].name", equalTo("Any resolved session makes an advocate"));
        String id = newCustomer(ADVISOR, "Ladder Lou").getString("id");
        session(id, "quote_sent", false);
        assertEquals("prospect", rung(id), "the default rule no longer applies");
        session(id, "resolved", false);
        assertEquals("advocate", rung(id));
        as(ADMIN).delete("/api/admin/ladder-rules").then().statusCode(200).body("defaults", equalTo(true));
    }
}
