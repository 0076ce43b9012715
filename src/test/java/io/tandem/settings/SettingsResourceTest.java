package io.tandem.settings;

import io.tandem.testing.Poll;
import io.tandem.recording.Recorder;
import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newSession;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.RelayClient;
import io.tandem.testing.TestClock;
import io.tandem.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Admins change product settings at run time; new sessions and ratings follow them, nobody else may change them. */
@QuarkusTest
class SettingsResourceTest {

    private static final String ADMIN = TestTokens.staff("sub-admin1", "admin1", "Dev Diaz", "admin", "supervisor");
    private static final String ADVISOR1 = TestTokens.advisor1();

    @TestHTTPResource("/")
    URI base;

    @Inject
    TestClock clock;

    @Inject
    Pool db;

    @Inject
    Recorder recorder;

    @AfterEach
    void restoreDefaults() {
        // the app is shared with the other suites: put back what application.properties says
        as(ADMIN).body(Map.of("remoteControl", true, "recording", true, "feedbackWindowMinutes", 15))
                .put("/api/admin/settings").then().statusCode(200);
    }

    @Test
    void anAdminChangesSettingsTheyAreStoredAndSupervisorsMayOnlyReadThem() {
        as(ADMIN).get("/api/admin/settings").then().statusCode(200).body("remoteControl", equalTo(true))
                .body("recording", equalTo(true)).body("feedbackWindowMinutes", equalTo(15));
        as(ADMIN).body(Map.of("feedbackWindowMinutes", 60)).put("/api/admin/settings").then().statusCode(200)
                .body("feedbackWindowMinutes", equalTo(60)).body("remoteControl", equalTo(true))
                .body("updatedBy", equalTo("admin1"));
        as(TestTokens.supervisor1()).get("/api/admin/settings").then().statusCode(200)
                .body("feedbackWindowMinutes", equalTo(60));
        String stored = db.preparedQuery("select value from setting where name = $1")
                .execute(Tuple.of(Settings.FEEDBACK_WINDOW)).await().indefinitely().iterator().next()
                .getString("value");
        assertEquals("PT1H", stored, "kept in PostgreSQL for restarts and the other replicas");

        as(TestTokens.supervisor1()).body(Map.of("recording", false)).put("/api/admin/settings").then()
                .statusCode(403).contentType("application/problem+json");
        as(ADVISOR1).get("/api/admin/settings").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/admin/settings").then().statusCode(401).contentType("application/problem+json");
        as(ADMIN).get("/api/admin/settings").then().body("recording", equalTo(true));
    }

    @Test
    void badChangesAreRefusedWithProblemsAndChangeNothing() {
        for (String body : new String[]{"{\"feedbackWindowMinutes\":0}", "{\"feedbackWindowMinutes\":10081}",
                "{\"recording\":\"maybe\"}", "{\"surprise\":true}", "[]", "{"}) {
            as(ADMIN).contentType("application/json").body(body).put("/api/admin/settings").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.notNullValue());
        }
        as(ADMIN).get("/api/admin/settings").then().body("feedbackWindowMinutes", equalTo(15))
                .body("recording", equalTo(true));
    }

    @Test
    void withRemoteControlOffNewSessionsAreViewOnlyWhileARunningSessionKeepsIt() throws Exception {
        JsonPath before = newSession(ADVISOR1, "Before Bea");
        String beforeId = before.getString("id");
        try (RelayClient early = RelayClient.staff(base, beforeId, ADVISOR1).hello()) {
            assertTrue(early.welcome().json().path("remoteControl").asBoolean(false));
            as(ADMIN).body(Map.of("remoteControl", false)).put("/api/admin/settings").then().statusCode(200)
                    .body("remoteControl", equalTo(false));

            JsonPath after = newSession(ADVISOR1, "After Abe");
            String afterId = after.getString("id");
            try (RelayClient advisor = RelayClient.staff(base, afterId, ADVISOR1).hello()) {
                assertEquals(false, advisor.welcome().json().path("remoteControl").asBoolean(true),
                        "a session opened after the change is view-only");
                advisor.sendReliable("ctl.request", null, "{}");
                assertEquals("view-only", advisor.await("sys.error").json().path("code").asText());
            }
            // the session that was already running keeps remote control
            try (RelayClient again = RelayClient.staff(base, beforeId, ADVISOR1).hello()) {
                assertTrue(again.welcome().json().path("remoteControl").asBoolean(false));
            }
        }
    }

    @Test
    void withRecordingOffANewSessionLeavesNoRecordedFramesAndTheFeedbackWindowFollowsTheSetting() throws Exception {
        as(ADMIN).body(Map.of("recording", false, "feedbackWindowMinutes", 2)).put("/api/admin/settings").then()
                .statusCode(200);
        JsonPath created = newSession(ADVISOR1, "Unrecorded Una");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        try (RelayClient customer = RelayClient.customer(base, id, credential).hello();
                RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello()) {
            customer.sendReliable("dom.snap", null, "[{\"type\":2,\"note\":\"not recorded\"}]");
            advisor.await("dom.snap");
        }
        as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then().statusCode(200);
        // had the relay recorded the session, its frames would be held until stored: nothing held means all stored
        Poll.until(Duration.ofSeconds(10), () -> recorder.bufferedBytes() == 0, "nothing held by the recorder");
        long frames = db
                .preparedQuery("select coalesce(sum(frames), 0) as n from recording_chunk where session_id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next().getLong("n");
        assertEquals(0, frames, "nothing of the session was recorded");

        customer(credential).body(Map.of("score", 8)).post("/api/sessions/" + id + "/feedback").then()
                .statusCode(200);
        clock.advance(Duration.ofMinutes(3));
        customer(credential).body(Map.of("score", 9)).post("/api/sessions/" + id + "/feedback").then()
                .statusCode(409).body("detail", equalTo("Feedback for this session closed 2 minutes after it ended"));
        as(ADMIN).get("/api/admin/settings").then().body("updatedBy", equalTo("admin1"))
                .body("updatedAt", org.hamcrest.Matchers.not(nullValue()));
    }
}
