package io.tandem.retention;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.anonymous;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newSessionFor;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
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

/**
 * Retention purge and GDPR erasure: recordings and personal text (session notes, comments, follow-up notes, reasons of
 * rung changes) go, touchpoints and the audit log stay.
 */
@QuarkusTest
class RetentionTest {

    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final String SUPERVISOR = TestTokens.supervisor1();
    private static final String ADMIN = TestTokens.staff("sub-admin1", "admin1", "Ada Admin", "admin");

    @Inject
    RecordingStore recordings;

    @Inject
    Retention retention;

    @Inject
    TestClock clock;

    private void record(String sessionId) {
        recordings.insert(Chunk.of(UUID.fromString(sessionId), 0, clock.instant(), List.of(new Chunk.Frame(
                clock.millis(), "{\"t\":\"dom.snap\"}\n[]".getBytes(StandardCharsets.UTF_8))), 0, false,
                Chunk.GENESIS)).await().atMost(Duration.ofSeconds(5));
    }

    private int chunks(String sessionId) {
        return recordings.chunks(UUID.fromString(sessionId)).await().atMost(Duration.ofSeconds(5)).size();
    }

    /** A session of this customer with a recording, ended with notes and rated with a comment; returns its id. */
    private String recordedAndRated(String customerId) {
        JsonPath created = newSessionFor(ADVISOR1, customerId);
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        record(id);
        as(ADVISOR1).body(Map.of("outcome", "resolved", "notes", "Lives at 4 Elm Road")).post("/api/sessions/" + id
                + "/end").then().statusCode(200);
        customer(credential).body(Map.of("score", 9, "comment", "call me on 0170 123")).post("/api/sessions/" + id
                + "/feedback").then().statusCode(200);
        // ending the session makes the recorder store a final chunk after the test's one, at its next flush
        io.tandem.testing.Poll.until(Duration.ofSeconds(10), () -> chunks(id), n -> n == 2,
                "the ended session's final chunk stored");
        return id;
    }

    @Test
    void thePurgeDeletesExpiredRecordingsThenExpiredTextAndKeepsTouchpointsAndAuditsItself() {
        String customerId = io.tandem.testing.Api.newCustomer(ADVISOR1, "Purged Paula").getString("id");
        String ended = recordedAndRated(customerId);
        JsonPath open = newSessionFor(ADVISOR1, customerId);
        admit(open.getString("code"));
        record(open.getString("id"));

        // staff's own free text about her: a rung set by hand with a reason, a follow-up closed with a note
        as(ADVISOR1).body(Map.of("rung", "advocate", "reason", "Told us about her divorce")).put("/api/customers/"
                + customerId + "/rung").then().statusCode(200);
        String followedUp = newSessionFor(ADVISOR1, customerId).getString("id");
        as(ADVISOR1).body(Map.of("outcome", "follow_up")).post("/api/sessions/" + followedUp + "/end").then()
                .statusCode(200);
        String task = as(ADVISOR1).queryParam("customer", customerId).get("/api/follow-ups").then().statusCode(200)
                .extract().path("[0].id");
        as(ADVISOR1).body(Map.of("note", "Call her after the funeral")).post("/api/follow-ups/" + task + "/close")
                .then().statusCode(200);

        retention.purge(clock.instant()).await().atMost(Duration.ofSeconds(10));
        assertEquals(2, chunks(ended), "within retention: kept");

        Retention.Removed removed = retention.purge(clock.instant().plus(Duration.ofDays(181))).await()
                .atMost(Duration.ofSeconds(10));
        assertTrue(removed.recordingChunks() >= 2, "the ended session's chunks");
        assertEquals(0, chunks(ended), "past the recording retention: deleted");
        assertEquals(1, chunks(open.getString("id")), "a session still open keeps its recording");
        as(SUPERVISOR).get("/api/sessions/" + ended).then().statusCode(200)
                .body("notes", equalTo("Lives at 4 Elm Road")).body("recorded", equalTo(false));

        retention.purge(clock.instant().plus(Duration.ofDays(1096))).await().atMost(Duration.ofSeconds(10));
        as(SUPERVISOR).get("/api/sessions/" + ended).then().statusCode(200).body("notes", nullValue())
                .body("score", equalTo(9)).body("outcome", equalTo("resolved"));
        as(SUPERVISOR).get("/api/customers/" + customerId + "/timeline").then().statusCode(200)
                .body("items.find { it.sessionId == '" + ended + "' }.feedback.score", equalTo(9))
                .body("items.find { it.sessionId == '" + ended + "' }.feedback.comment", nullValue());
        as(SUPERVISOR).get("/api/customers/" + customerId + "/ladder").then().statusCode(200)
                .body("find { it.kind == 'staff' }.to", equalTo("advocate"))
                .body("find { it.kind == 'staff' }.reason", nullValue());
        as(SUPERVISOR).queryParam("customer", customerId).queryParam("state", "closed").queryParam("everyone", true)
                .get("/api/follow-ups").then().statusCode(200).body("find { it.id == '" + task + "' }.closedAt",
                        org.hamcrest.Matchers.notNullValue())
                .body("find { it.id == '" + task + "' }.note", nullValue());
        as(SUPERVISOR).queryParam("action", "purge").get("/api/audit").then().statusCode(200)
                .body("items[0].action", equalTo("purge")).body("items[0].actorId", nullValue())
                .body("items[0].detail", org.hamcrest.Matchers.containsString("other notes"));
    }

    @Test
    void anAdminErasesACustomersRecordingsAndPersonalFieldsAndTheErasureIsAudited() {
        JsonPath c = as(ADVISOR1).body(Map.of("name", "Erased Erika", "email", "erika@example.com", "phone",
                "+49 170 1234567")).post("/api/customers").then().statusCode(201).extract().jsonPath();
        String customerId = c.getString("id");
        String id = recordedAndRated(customerId);
        JsonPath open = newSessionFor(ADVISOR1, customerId);

        as(SUPERVISOR).post("/api/customers/" + customerId + "/erasure").then().statusCode(403)
                .contentType("application/problem+json");
        as(ADVISOR1).post("/api/customers/" + customerId + "/erasure").then().statusCode(403);
        anonymous().post("/api/customers/" + customerId + "/erasure").then().statusCode(401);
        as(ADMIN).post("/api/customers/" + UUID.randomUUID() + "/erasure").then().statusCode(404)
                .contentType("application/problem+json");
        as(ADMIN).post("/api/customers/" + customerId + "/erasure").then().statusCode(409)
                .contentType("application/problem+json");
        // a colleague invited with a note about the customer: the note is personal text too
        as(io.tandem.testing.TestTokens.advisor2()).get("/api/invitations").then().statusCode(200);
        String ben = as(ADVISOR1).queryParam("q", "Ben Baker").get("/api/staff/colleagues").then().statusCode(200)
                .extract().path("people[0].id");
        as(ADVISOR1).body(Map.of("inviteeId", ben, "note", "Erika's water damage at 4 Elm Road"))
                .post("/api/sessions/" + open.getString("id") + "/invitations").then().statusCode(201);
        as(ADVISOR1).body(Map.of("outcome", "no_show")).post("/api/sessions/" + open.getString("id") + "/end")
                .then().statusCode(200);

        as(ADMIN).post("/api/customers/" + customerId + "/erasure").then().statusCode(200)
                // the ended session's two chunks (and the other session's final chunk if the recorder flushed it
                // before the erasure)
                .body("sessions", equalTo(2)).body("recordingChunks", greaterThanOrEqualTo(2));
        assertEquals(0, chunks(id));
        assertEquals(0, chunks(open.getString("id")));
        as(SUPERVISOR).get("/api/customers/" + customerId).then().statusCode(200)
                .body("name", equalTo("Erased customer")).body("email", nullValue()).body("phone", nullValue());
        as(SUPERVISOR).get("/api/sessions/" + id).then().statusCode(200).body("notes", nullValue())
                .body("purpose", nullValue()).body("score", equalTo(9));
        as(ADVISOR1).get("/api/sessions/" + open.getString("id") + "/invitations").then().statusCode(200)
                .body("[0].note", nullValue());
        as(SUPERVISOR).get("/api/customers/" + customerId + "/timeline").then().statusCode(200)
                .body("items.find { it.sessionId == '" + id + "' }.feedback.comment", nullValue());
        // the replay is gone, and says so (issue 19 item 15): 404, not an empty recording
        for (String path : new String[]{"/recording", "/recording/verify"}) {
            as(SUPERVISOR).get("/api/sessions/" + id + path).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:tandem:problem:recording-erased"))
                    .body("detail", org.hamcrest.Matchers.containsString("erased with the customer's personal data"));
        }
        as(SUPERVISOR).queryParam("action", "erasure").get("/api/audit").then().statusCode(200)
                .body("items[0].customerId", equalTo(customerId)).body("items[0].actorName", equalTo("Ada Admin"));
    }
}
