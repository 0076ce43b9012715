package io.tandem.session.rest;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.anonymous;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newCustomer;
import static io.tandem.testing.Api.newSessionFor;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.recording.Chunk;
import io.tandem.recording.RecordingStore;
import io.tandem.testing.TestClock;
import io.tandem.testing.TestTokens;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The supervisors' session log: filters, order, paging and refusals, on the list and the CSV export. */
@QuarkusTest
class SessionLogTest {

    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final String SUPERVISOR = TestTokens.supervisor1();

    @Inject
    TestClock clock;

    @Inject
    RecordingStore recordings;

    /** A started session of this customer that lasted `seconds`, ended with outcome and notes, rated `score`. */
    private String session(String customerId, int seconds, String outcome, String notes, Integer score) {
        JsonPath created = newSessionFor(ADVISOR1, customerId);
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        clock.advance(Duration.ofSeconds(seconds));
        as(ADVISOR1).body(Map.of("outcome", outcome, "notes", notes)).post("/api/sessions/" + id + "/end").then()
                .statusCode(200);
        if (score != null) {
            customer(credential).body(Map.of("score", score)).post("/api/sessions/" + id + "/feedback").then()
                    .statusCode(200);
        }
        return id;
    }

    private static List<String> ids(String customerId, Map<String, ?> params) {
        return as(SUPERVISOR).queryParam("customer", customerId).queryParams(params).queryParam("size", 100)
                .get("/api/sessions").then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    @Test
    void filtersByDurationScoreOutcomeRecordingAndNotesAndSortsByAnyColumn() {
        String customerId = newCustomer(ADVISOR1, "Logged Lena").getString("id");
        String short1 = session(customerId, 30, "resolved", "Explained clause 7", 10);
        String long1 = session(customerId, 600, "follow_up", "Call back about the 100% discount", 3);
        String mid = session(customerId, 200, "quote_sent", "Sent the QUOTE", null);
        recordings.insert(Chunk.of(UUID.fromString(mid), 0, clock.instant(),
                List.of(new Chunk.Frame(clock.millis(), "{\"t\":\"dom.snap\"}\n[]".getBytes(StandardCharsets.UTF_8))),
                0, true, Chunk.GENESIS)).await().atMost(Duration.ofSeconds(5));

        assertEquals(List.of(mid, long1), ids(customerId, Map.of("minDuration", 200)));
        assertEquals(List.of(mid, short1), ids(customerId, Map.of("maxDuration", 200)));
        assertEquals(List.of(short1), ids(customerId, Map.of("minScore", 9)));
        assertEquals(List.of(long1), ids(customerId, Map.of("maxScore", 6)));
        assertEquals(List.of(long1), ids(customerId, Map.of("outcome", "follow_up")));
        assertEquals(List.of(mid), ids(customerId, Map.of("recorded", "true")));
        assertEquals(List.of(long1, short1), ids(customerId, Map.of("recorded", "false")));
        assertEquals(List.of(mid), ids(customerId, Map.of("notes", "quote")), "case-insensitive");
        assertEquals(List.of(long1), ids(customerId, Map.of("notes", "100%")), "% matched literally");
        assertEquals(List.of(), ids(customerId, Map.of("notes", "_")), "_ matched literally");

        assertEquals(List.of(short1, mid, long1), ids(customerId, Map.of("sort", "duration")));
        assertEquals(List.of(long1, mid, short1), ids(customerId, Map.of("sort", "-duration")));
        assertEquals(List.of(short1, long1, mid), ids(customerId, Map.of("sort", "-score")), "unrated last");
        assertEquals(List.of(mid, long1, short1), ids(customerId, Map.of()), "newest first by default");

        JsonPath row = as(SUPERVISOR).queryParam("customer", customerId).queryParam("sort", "duration")
                .queryParam("size", 1).queryParam("page", 1).get("/api/sessions").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(3, row.getInt("total"));
        assertEquals(mid, row.getString("items[0].id"));
        assertEquals(200, row.getInt("items[0].durationSeconds"));
        assertTrue(row.getBoolean("items[0].recorded"));

        String csv = as(SUPERVISOR).queryParam("customer", customerId).queryParam("maxScore", 6)
                .get("/api/sessions/export.csv").then().statusCode(200).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(2, lines.size(), csv);
        assertTrue(lines.get(0).contains("\"score\",\"recorded\""), lines.get(0));
        assertTrue(lines.get(1).startsWith("\"" + long1 + "\"") && lines.get(1).contains("\"600\",\"3\",\"false\""),
                lines.get(1));
        String sorted = as(SUPERVISOR).queryParam("customer", customerId).queryParam("sort", "duration")
                .get("/api/sessions/export.csv").then().statusCode(200).extract().asString();
        assertEquals(List.of(short1, mid, long1), sorted.lines().skip(1).map(l -> l.substring(1, 37)).toList());
    }

    @Test
    void badParametersAre400ProblemsNamingTheParameter() {
        Map<String, String> bad = Map.of("minDuration", "-1", "maxDuration", "ten", "minScore", "11",
                "maxScore", "x", "recorded", "yes", "outcome", "happy", "sort", "-salary", "advisor", "not-a-uuid",
                "notes", "n".repeat(201));
        bad.forEach((name, value) -> {
            as(SUPERVISOR).queryParam(name, value).get("/api/sessions").then().statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo("urn:tandem:problem:invalid-request"))
                    .body("detail", containsString(name));
            as(SUPERVISOR).queryParam(name, value).get("/api/sessions/export.csv").then().statusCode(400)
                    .contentType("application/problem+json");
        });
    }

    @Test
    void advisorsFilterOnlyTheirOwnSessionsAndCannotExportCustomersAndAnonymousAreRefused() {
        String customerId = newCustomer(ADVISOR1, "Filtered Fiona").getString("id");
        String id = session(customerId, 60, "resolved", "fine", 8);
        as(ADVISOR1).queryParam("customer", customerId).queryParam("minScore", 7).get("/api/sessions").then()
                .statusCode(200).body("items.id", equalTo(List.of(id)));
        as(TestTokens.advisor2()).queryParam("customer", customerId).queryParam("minScore", 7).get("/api/sessions")
                .then().statusCode(200).body("total", equalTo(0));
        as(ADVISOR1).queryParam("minScore", 7).get("/api/sessions/export.csv").then().statusCode(403);
        anonymous().get("/api/sessions/export.csv").then().statusCode(401);
        JsonPath created = newSessionFor(ADVISOR1, customerId);
        String credential = admit(created.getString("code"));
        customer(credential).get("/api/sessions/export.csv").then().statusCode(403);
        customer(credential).get("/api/sessions").then().statusCode(403);
    }
}
