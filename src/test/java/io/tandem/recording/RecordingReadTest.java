package io.tandem.recording;

import static io.tandem.testing.Api.admit;
import static io.tandem.testing.Api.anonymous;
import static io.tandem.testing.Api.as;
import static io.tandem.testing.Api.customer;
import static io.tandem.testing.Api.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tandem.testing.Poll;
import io.tandem.testing.RelayClient;
import io.tandem.testing.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Supervisors read a recording back for replay: the relayed frames in order, payloads untouched, with its chain. */
@QuarkusTest
class RecordingReadTest {

    private static final String ADVISOR1 = TestTokens.advisor1();
    private static final String SUPERVISOR = TestTokens.supervisor1();

    @TestHTTPResource("/")
    URI base;

    private static JsonPath read(String id) {
        return as(SUPERVISOR).get("/api/sessions/" + id + "/recording").then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
    }

    @Test
    void supervisorsReadTheFramesInTheRoomsOrderWithTheChainStatus() throws InterruptedException {
        JsonPath created = newSession(ADVISOR1, "Replayed Rosa");
        String id = created.getString("id");
        String credential = admit(created.getString("code"));
        String snapshot = "[{\"type\":4,\"data\":{\"href\":\"https://x.example/\",\"width\":800,\"height\":600}},"
                + "{\"type\":2,\"note\":\"snapshot <b>\\u00e9</b>\"}]";
        try (RelayClient c = RelayClient.customer(base, id, credential).hello();
                RelayClient advisor = RelayClient.staff(base, id, ADVISOR1).hello()) {
            c.sendReliable("dom.snap", null, snapshot);
            advisor.await("dom.snap");
            c.sendReliable("dom.nav", "load", "{\"url\":\"https://x.example/claims\",\"title\":\"Claims\"}");
            advisor.await("dom.nav");
            advisor.sendReliable("ann.begin", null, "{\"id\":\"a1\",\"tool\":\"pen\"}");
            c.await("ann.begin");
            as(ADVISOR1).body(Map.of("outcome", "resolved")).post("/api/sessions/" + id + "/end").then()
                    .statusCode(200);
        }
        JsonPath r = Poll.until(Duration.ofSeconds(10), () -> read(id), j -> j.getBoolean("verification.complete"),
                "the recording complete");
        assertTrue(r.getBoolean("verification.intact"), r.prettify());
        assertTrue(r.getBoolean("verification.complete"), r.prettify());
        assertFalse(r.getBoolean("truncated"));
        List<String> types = r.getList("frames.t");
        List<String> relayed = types.stream().filter(t -> !t.equals("sys.presence")).toList();
        assertEquals(List.of("dom.snap", "dom.nav", "ann.begin"), relayed, r.prettify());
        assertTrue(types.indexOf("sys.presence") < types.indexOf("dom.snap"), "the join is recorded before");
        assertEquals(snapshot, r.getString("frames.find { it.t == 'dom.snap' }.payload"), "payload byte for byte");
        assertEquals("customer", r.getString("frames.find { it.t == 'dom.snap' }.from"));
        assertEquals("load", r.getString("frames.find { it.t == 'dom.nav' }.k"));
        List<Long> at = r.getList("frames.at", Long.class);
        assertEquals(at.stream().sorted().toList(), at, "in time order");
        assertEquals(at.get(0), java.time.Instant.parse(r.getString("firstAt")).toEpochMilli());

        as(ADVISOR1).get("/api/sessions/" + id + "/recording").then().statusCode(403)
                .contentType("application/problem+json");
        customer(credential).get("/api/sessions/" + id + "/recording").then().statusCode(403);
        anonymous().get("/api/sessions/" + id + "/recording").then().statusCode(401);
        as(SUPERVISOR).get("/api/sessions/" + UUID.randomUUID() + "/recording").then().statusCode(404)
                .contentType("application/problem+json");
        as(SUPERVISOR).get("/api/sessions/not-a-uuid/recording").then().statusCode(404);
    }
}
